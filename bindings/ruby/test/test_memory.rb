# frozen_string_literal: true

require_relative "helper"

# Memory stays flat over thousands of ledgers created and freed (RSS from /proc/self/statm).
class TestMemory < Minitest::Test
  include TestSupport

  ROWS = 1000
  IDS = Array.new(ROWS) { |i| format("C%05d", i % 300) }
  DAYS = Array.new(ROWS) { |i| 19_000 + (i % 700) }
  AMOUNTS = Array.new(ROWS, 1500)

  def setup
    skip "needs /proc/self/statm" unless File.exist?("/proc/self/statm")
  end

  def one_round(style)
    case style
    when :block
      Ltvcrm::Ledger.open do |ledger|
        ledger.add_events(IDS, DAYS, amounts: AMOUNTS)
        ledger.segment(as_of: 20_000) { |seg| seg.state.sum }
      end
    when :close
      ledger = Ltvcrm::Ledger.new
      ledger.add_events(IDS, DAYS, amounts: AMOUNTS)
      ledger.facts(0, as_of: 20_000)
      ledger.close
    when :gc # left to the AutoPointers
      ledger = Ltvcrm::Ledger.new
      ledger.add_events(IDS, DAYS, amounts: AMOUNTS)
      ledger.segment(as_of: 20_000).annual_ltv.sum
      Ltvcrm::Ledger.new.load_csv_buffer("customer_id,order_date,amount\nA,2026-01-01,1\n")
    end
  end

  # RSS growth over +rounds+ after a warm-up run the same way (the same GC cadence, so that the
  # heap and the allocator's arenas have reached their working size).
  def growth(style, rounds, keep: nil)
    run = lambda do |count, kept|
      count.times do |i|
        if kept
          ledger = Ltvcrm::Ledger.new
          ledger.add_events(IDS, DAYS, amounts: AMOUNTS)
          kept << ledger
        else
          one_round(style)
        end
        GC.start if (i % 10).zero?
      end
      GC.start
    end
    run.call(300, nil)
    before = rss_bytes
    run.call(rounds, keep)
    rss_bytes - before
  end

  def test_rss_stays_flat_with_blocks = assert_operator growth(:block, 2000), :<, 4 * 2**20
  def test_rss_stays_flat_with_close = assert_operator growth(:close, 2000), :<, 4 * 2**20
  def test_rss_stays_flat_with_gc_only = assert_operator growth(:gc, 2000), :<, 4 * 2**20

  def test_the_check_sees_a_leak
    kept = []
    assert_operator growth(:close, 500, keep: kept), :>, 8 * 2**20
    kept.each(&:close)
  end
end
