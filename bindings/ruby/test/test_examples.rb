# frozen_string_literal: true

require_relative "helper"

# The examples in examples/ruby/ run against the library under test.
class TestExamples < Minitest::Test
  include TestSupport

  def run_example(script, *args)
    out, err, status = Open3.capture3(RbConfig.ruby, "-I", LIB, File.join(REPO, "examples", "ruby", script), *args,
                                      chdir: REPO)
    assert status.success?, err
    out.force_encoding(Encoding::UTF_8)
  end

  def test_summary
    out = run_example("summary.rb", SAMPLE_CSV)
    assert_includes out, "read 7359 rows: 7359 taken, 0 rejected"
    assert_includes out, "4,000"
  end

  def test_segments_in_japanese_with_a_cpo
    out = run_example("segments.rb", SAMPLE_CSV, "ja", "5000")
    assert_includes out, "ファン"
    assert_includes out, "LTV/CPO"
  end

  def test_bulk_and_matrix
    out = run_example("bulk_and_matrix.rb", "AABCDAABBA")
    assert_includes out, "Grade C"
    assert_includes out, "Members-only early"
  end
end
