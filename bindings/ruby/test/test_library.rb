# frozen_string_literal: true

require_relative "helper"

class TestLibrary < Minitest::Test
  include TestSupport

  def test_loaded_library_has_the_gems_major_version
    assert_equal Ltvcrm::ABI_MAJOR, Ltvcrm.library_version_number / 10_000
    assert_equal Ltvcrm::ABI_MAJOR.to_s, Ltvcrm.library_version.split(".").first
    assert_equal ENV["LTVCRM_LIBRARY"], Ltvcrm.library_path if ENV["LTVCRM_LIBRARY"]
  end

  def run_ruby(library, code = 'require "ltvcrm"')
    Open3.capture3({ "LTVCRM_LIBRARY" => library }, RbConfig.ruby, "-I", LIB, "-e", code)
  end

  def test_missing_library_raises_library_error
    _out, err, status = run_ruby("/nonexistent/libltvcrm.so")
    refute status.success?
    assert_match(/Ltvcrm::LibraryError/, err)
    assert_match(/LTVCRM_LIBRARY/, err)
  end

  def test_other_major_version_is_refused
    skip "no C compiler" unless compiler
    Dir.mktmpdir do |dir|
      File.write(File.join(dir, "fake.c"), <<~C)
        int ltv_version_number(void) { return 20301; }
        const char *ltv_version_string(void) { return "2.3.1"; }
      C
      fake = File.join(dir, "libltvcrm.so")
      assert system(compiler, "-shared", "-fPIC", File.join(dir, "fake.c"), "-o", fake)
      _out, err, status = run_ruby(fake)
      refute status.success?
      assert_match(/LibraryError/, err)
      assert_match(/2\.3\.1/, err)
    end
  end

  def test_status_names
    assert_equal "LTV_ERANGE", Ltvcrm.status_name(-3)
    assert_equal "LTV_UNKNOWN", Ltvcrm.status_name(-999)
    assert_equal "text is not valid UTF-8", Ltvcrm.status_text(-8)
  end

  def test_every_status_has_its_exception
    names = %w[InvalidArgumentError OutOfMemoryError OutOfRangeError FileError ParseError NotFoundError
               BufferSizeError EncodingError StateError SumOverflowError FormatError ValidationError]
    names.each_with_index do |name, i|
      status = -(i + 1)
      error = Ltvcrm.error_for(status, "the message")
      assert_equal Ltvcrm.const_get(name), error.class
      assert_kind_of Ltvcrm::Error, error
      assert_equal [status, Ltvcrm.status_name(status), "the message"], [error.status, error.status_name, error.detail]
      assert_equal "#{Ltvcrm.status_name(status)}: the message", error.message
    end
    unknown = Ltvcrm.error_for(-77, "later", "LTV_ELATER")
    assert_equal [Ltvcrm::Error, -77, "LTV_ELATER"], [unknown.class, unknown.status, unknown.status_name]
  end

  def test_a_failing_call_raises_with_the_library_message
    Ltvcrm::Ledger.open do |ledger|
      error = assert_raises(Ltvcrm::OutOfRangeError) { ledger.add_order("C1", "2026-01-01", 100, items: 2_000_000) }
      assert_equal "LTV_ERANGE", error.status_name
      assert_match(/2000000/, error.detail)
      error = assert_raises(Ltvcrm::InvalidArgumentError) { ledger.add_order("", "2026-01-01", 100) }
      assert_match(/empty/, error.detail)
    end
  end
end
