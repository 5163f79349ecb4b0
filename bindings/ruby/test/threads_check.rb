# frozen_string_literal: true

# The large-ledger half of test_threads.rb, run in a child process (ThreadsCheck.main) so that
# the memory it frees does not hide the leak that test_memory.rb provokes on purpose.
#
# The library splits work only above a size (lib/: organizing a ledger from 100,000 events,
# segmenting and the health check from 200,000 customers), so the ledger has 210,000
# customers: with fewer, 1 and 2 threads would run the same code and the comparison could
# not fail.
require "ltvcrm"

module ThreadsCheck
  CUSTOMERS = 210_000

  module_function

  # Every customer orders once, then 120,000 more events of every kind.
  def columns
    rng = Random.new(11)
    extra = 120_000
    who = (0...CUSTOMERS).to_a + Array.new(extra) { rng.rand(CUSTOMERS) }
    kinds = Array.new(CUSTOMERS, 0) + Array.new(extra) do
      r = rng.rand(100)
      r < 80 ? 0 : r < 88 ? 1 : r < 98 ? 2 : 3
    end
    ids = who.map { |i| format("C%06d", i) }
    days = Array.new(who.size) { 19_000 + rng.rand(1200) }
    amounts = kinds.map { |k| k <= 1 ? 100 + rng.rand(30_000) : 0 }
    items = kinds.map { |k| k.zero? ? rng.rand(5) : 0 }
    [ids, days, { amounts: amounts, items: items, kinds: kinds }]
  end

  # Everything the threaded passes compute, from a ledger built under the current setting.
  def results(ids, days, cols)
    Ltvcrm::Ledger.open do |ledger|
      ledger.add_events(ids, days, **cols)
      ledger.prepare
      as_of = ledger.default_as_of
      out = { summary: ledger.summary(as_of: as_of), events: ledger.events(12_345),
              facts: [0, 7, 99_999, CUSTOMERS - 1].map { |i| ledger.facts(i, as_of: as_of) } }
      ledger.segment(as_of: as_of) do |seg|
        out[:columns] = seg.columns
        out[:states] = seg.state_stats
        out[:ranks] = seg.rank_stats
        out[:ltv] = seg.ltv_summary
        out[:thresholds] = Ltvcrm::RFM_METRICS.map { |m| seg.thresholds(m) }
        out[:health] = ledger.health_check(as_of: as_of, segmentation: seg, &:to_json)
      end
      out
    end
  end

  def main
    data = columns
    Ltvcrm.threads = 1
    one = results(*data)
    Ltvcrm.threads = 2
    two = results(*data)
    differing = one.keys.reject { |key| one[key] == two[key] }
    puts "customers #{one[:columns][:state].size}, differing: #{differing.empty? ? 'none' : differing.join(' ')}"
  end
end
