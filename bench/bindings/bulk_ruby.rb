# frozen_string_literal: true

# Bindings benchmark: adding 1,000,000 orders from Ruby Arrays, against the same C bulk call.
#
#   LTVCRM_LIBRARY=build-release/libltvcrm.so ruby -Ibindings/ruby/lib bench/bindings/bulk_ruby.rb [ROWS] [RUNS]
#
# "C call" hands pre-packed buffers to ltv_ledger_add_events; "Ledger#add_events" packs the
# Arrays first (Array#pack, one String join for the ids). Only the add is timed, on a fresh
# ledger each run; the median of RUNS runs is printed.
require "ltvcrm"

rows = Integer(ARGV.fetch(0, "1000000"))
runs = Integer(ARGV.fetch(1, "5"))
rng = Random.new(1)
ids = Array.new(rows) { format("C%08d", rng.rand(rows / 5)) }
days = Array.new(rows) { 19_000 + rng.rand(1100) }
amounts = Array.new(rows) { 500 + rng.rand(29_500) }
items = Array.new(rows) { 1 + rng.rand(5) }
dates = days.map { |d| Ltvcrm.from_day(d) }
packed = Ltvcrm::Bulk.pack(ids, days, amounts, items, nil)

def timed(runs)
  times = Array.new(runs) do
    ledger = Ltvcrm::Ledger.new
    start = Process.clock_gettime(Process::CLOCK_MONOTONIC)
    yield ledger
    elapsed = Process.clock_gettime(Process::CLOCK_MONOTONIC) - start
    ledger.close
    elapsed
  end
  times.sort[runs / 2]
end

cases = {
  "C call: ltv_ledger_add_events (pre-packed buffers)" => lambda { |l|
    Ltvcrm::C.ltv_ledger_add_events(l.pointer, rows, packed[:ids], packed[:offsets], nil, packed[:days],
                                    packed[:amounts], packed[:items])
  },
  "Ledger#add_events: Integer day numbers" => ->(l) { l.add_events(ids, days, amounts: amounts, items: items) },
  "Ledger#add_events: Date objects" => ->(l) { l.add_events(ids, dates, amounts: amounts, items: items) }
}
puts "libltvcrm #{Ltvcrm.library_version} at #{Ltvcrm.library_path}; ruby #{RUBY_VERSION}, ffi #{FFI::VERSION}; " \
     "#{rows} rows, #{ids.uniq.size} customers; median of #{runs} runs"
base = nil
cases.each do |name, run|
  seconds = timed(runs, &run)
  base ||= seconds
  puts format("%-58s %8.1f ms  %6.2f M rows/s  %5.2fx", name, seconds * 1000, rows / seconds / 1e6, seconds / base)
end
