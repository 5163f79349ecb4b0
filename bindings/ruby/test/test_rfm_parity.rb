# frozen_string_literal: true

# The numbers analysts check us against (R rfm 0.3.0's vignette, PyMC-Marketing's TestRFM),
# segments that share a name, membership activity.
require_relative "helper"

class TestRfmParity < Minitest::Test
  DATA = File.join(TestSupport::REPO, "tests", "data")
  VIGNETTE = { "Champions" => 35, "Potential Loyalist" => 342, "Loyal Customers" => 170, "Promising" => 9,
               "New Customers" => 104, "Can't Lose Them" => 47, "At Risk" => 28, "Need Attention" => 10,
               "About To Sleep" => 102, "Lost" => 148, "Others" => 0 }.freeze
  PYMC = ["Other", "Inactive Customer", "At Risk Customer", "Premium Customer", "Repeat Customer",
          "Top Spender"].freeze

  def test_r_rfm_vignette_counts
    Ltvcrm::Ledger.open do |ledger|
      ledger.load_csv(File.join(DATA, "rfm_data_orders.csv"), decimals: 0, columns: { amount: "revenue" })
      seg = ledger.segment(as_of: "2006-12-31", rfm_mode: :r_rfm, rfm_bins: 5, table: "r-rfm")
      assert_equal VIGNETTE, seg.segment_customers
      assert_equal [4.0, 5.0, 6.0, 8.0], seg.thresholds(:frequency)
    end
  end

  def test_r_rfm_one_to_five_orders
    Ltvcrm::Ledger.open do |ledger|
      5.times { |c| (c + 1).times { |k| ledger.add_order("c#{c + 1}", "2026-10-#{format('%02d', k + 1)}", 100) } }
      seg = ledger.segment(as_of: "2026-11-01", rfm_mode: :r_rfm, table: "r-rfm")
      assert_equal [1, 1, 2, 3, 4], (1..5).map { |c| seg.find("c#{c}").f }
    end
  end

  def pymc_segmentation(ledger, **settings)
    ledger.load_csv(File.join(DATA, "pymc_test_rfm.csv"), decimals: 0)
    ledger.segment(as_of: "2015-02-07", rfm_mode: :pymc, rfm_bins: 4, **settings)
  end

  def test_pymc_test_rfm_segmentation_config
    Ltvcrm::Ledger.open do |ledger|
      seg = pymc_segmentation(ledger, table: "pymc")
      labels = seg.labels(:segment)
      assert_equal PYMC, (1..6).map { |i| labels[ledger.find(i.to_s)] }
      assert_equal [421, 111, 132, 434, 233, 314], (1..6).map { |i| s = seg.find(i.to_s); s.r * 100 + s.f * 10 + s.m }
      custom = ledger.segment(as_of: "2015-02-07", rfm_mode: :pymc, rfm_bins: 4,
                                            table_text: "Test Segment: codes=111,222,333,444\nOther: other\n")
      assert_equal({ "Test Segment" => 1, "Other" => 5 }, custom.segment_customers)
    end
  end

  def test_shared_names_lose_no_customer
    Ltvcrm::Ledger.open do |ledger|
      seg = pymc_segmentation(ledger, table: "pymc")
      assert_equal 47, seg.preset_names.size
      counts = seg.preset_customers
      assert_equal 6, counts.values.sum
      assert_equal 1, counts["Top Spender"]
    end
  end

  def test_segment_table_errors
    config = Ltvcrm::SegmentConfig.new
    error = assert_raises(Ltvcrm::ParseError) { config.load_table("A: r=5\nBroken r=1\n") }
    assert_match(/line 2, column 11: expected ':'/, error.message)
    assert_includes Ltvcrm.segment_tables, "pymc"
    assert_match(/codes=334,443/, Ltvcrm.segment_table_text("pymc"))
    assert_raises(Ltvcrm::NotFoundError) { config.use_table("nope") }
  end

  def test_membership_activity_and_cancel
    Ltvcrm::Ledger.open do |ledger|
      ledger.add_order("core", "2026-01-05", 60_000)
      [1, 5, 9, 13, 17, 21, 25, 29].each { |d| ledger.add_visit("core", "2026-10-#{format('%02d', d)}") }
      ledger.add_order("quit", "2026-09-20", 5000)
      ledger.add_visit("quit", "2026-10-20")
      ledger.add_cancel("quit", "2026-10-25")
      assert_equal 9, ledger.visit_count
      seg = ledger.segment(as_of: "2026-11-01")
      assert_equal :new, seg.find("core").state
      assert_equal :dormant, seg.find("quit").state
      assert_equal :dormant, ledger.segment(as_of: "2026-11-01", activity: :orders).find("core").state
      config = Ltvcrm::SegmentConfig.new(dormant_days: 120, activity: :visits)
      grade = Ltvcrm.grade("AAAAAAAAAA").attach_ledger(ledger, as_of: "2026-11-01", config: config)
      assert_equal 1, grade.figure(:state_dormant)
    end
  end

  def test_customer_table_from_aggregates
    Ltvcrm::Ledger.open do |ledger|
      ledger.load_csv(File.join(DATA, "rfm_data_orders.csv"), decimals: 0, columns: { amount: "revenue" })
      table = Ltvcrm::CustomerTable.new
      ledger.size.times do |i|
        facts = ledger.facts(i, as_of: "2006-12-31")
        table.add(ledger.customer_id(i), orders: facts.orders, revenue: facts.amount, recency_days: facts.recency_days)
      end
      seg = table.segment(as_of: "2006-12-31", rfm_mode: :r_rfm, table: "r-rfm")
      assert_equal VIGNETTE, seg.segment_customers
      assert_equal :none, seg.find("Brion Stark").rank
    end
  end
end
