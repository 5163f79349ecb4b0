# frozen_string_literal: true

require_relative "helper"

# Ltvcrm.threads / Ltvcrm.threads=, and results that do not depend on the number of threads:
# a ledger of 210,000 customers (in a child process, see threads_check.rb) and a CSV load
# (the loader's second thread works at any size).
class TestThreads < Minitest::Test
  def setup
    @before = Ltvcrm.threads
  end

  def teardown
    Ltvcrm.threads = @before
  end

  def test_set_and_get
    assert_includes 1..64, Ltvcrm.threads
    [1, 2, 64].each do |n|
      Ltvcrm.threads = n
      assert_equal n, Ltvcrm.threads
    end
  end

  def test_out_of_bounds_is_out_of_range_and_changes_nothing
    Ltvcrm.threads = 2
    [0, -1, 65, 2**32 + 1].each do |bad| # 2**32 + 1 would arrive as 1 if it were not checked
      error = assert_raises(Ltvcrm::OutOfRangeError) { Ltvcrm.threads = bad }
      assert_includes error.detail, bad.to_s
      assert_equal 2, Ltvcrm.threads
    end
    [1.5, "2", nil].each do |bad|
      assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm.threads = bad }
      assert_equal 2, Ltvcrm.threads
    end
  end

  def test_a_large_ledger_gives_the_same_results_on_1_and_2_threads
    out, status = Open3.capture2e(RbConfig.ruby, "-I", TestSupport::LIB, "-r", File.join(__dir__, "threads_check"),
                                  "-e", "ThreadsCheck.main")
    assert status.success?, out
    assert_equal "customers 210000, differing: none", out.lines.last&.strip
  end

  def write_csv(path, customers: 3000, rows: 20_000)
    rng = Random.new(5)
    File.open(path, "w:UTF-8") do |out|
      out.write("customer_id,order_date,amount,items\n")
      rows.times do |row|
        who = row < customers ? row : rng.rand(customers)
        out.write(format("会員%05d,%s,%d,%d\n", who, Ltvcrm.format_day(19_000 + rng.rand(1200)),
                         100 + rng.rand(50_000), 1 + rng.rand(3)))
      end
      out.write("bad row,2026-13-01,1,1\n")
    end
  end

  def loaded(path)
    Ltvcrm::Ledger.open do |ledger|
      report = ledger.load_csv(path, decimals: 0)
      ledger.segment { |seg| { report: report, ids: ledger.to_a, summary: ledger.summary, columns: seg.columns } }
    end
  end

  def test_a_csv_load_gives_the_same_ledger_on_1_and_2_threads
    Dir.mktmpdir do |dir|
      path = File.join(dir, "orders.csv")
      write_csv(path)
      Ltvcrm.threads = 1
      one = loaded(path)
      Ltvcrm.threads = 2
      two = loaded(path)
      assert_equal [20_000, 1], [one[:report].rows_taken, one[:report].rows_rejected]
      assert_equal 3000, one[:ids].size
      one.each_key { |key| assert one[key] == two[key], "#{key} differs" }
    end
  end
end
