# frozen_string_literal: true

# Load an order log and print what it holds, with every rejected row.
#
#   LTVCRM_LIBRARY=build/libltvcrm.so ruby -Ibindings/ruby/lib examples/ruby/summary.rb examples/data/orders.csv
require "ltvcrm"

path = ARGV.fetch(0) { abort "usage: summary.rb FILE.csv [DECIMALS]" }
decimals = Integer(ARGV.fetch(1, "0"))

Ltvcrm::Ledger.open do |ledger|
  begin
    report = ledger.load_csv(path, decimals: decimals)
  rescue Ltvcrm::Error => e # unreadable file, missing column, not UTF-8
    abort "#{path}: #{e.message}"
  end
  puts "read #{report.rows_read} rows: #{report.rows_taken} taken, #{report.rows_rejected} rejected"
  report.errors.each { |error| puts "  line #{error.line}: #{error.message}" }

  s = ledger.summary # as of the day after the last event
  commas = ->(text) { text.gsub(/\B(?=(\d{3})+(?!\d))/, ",") }
  money = ->(minor) { commas.call(format("%.#{decimals}f", minor.fdiv(10**decimals))) }
  puts "as of #{s.as_of} (events from #{s.first_day} to #{s.last_day})"
  puts format("customers        %12s", commas.call(s.customers.to_s))
  puts format("repeat customers %12s  (%.1f%%)", commas.call(s.repeat_customers.to_s), 100 * s.repeat_rate)
  puts format("orders           %12s", commas.call(s.orders.to_s))
  puts format("revenue          %12s", money.call(s.revenue))
  puts format("avg order value  %12s", money.call(s.average_order_value.round))
end
