# frozen_string_literal: true

# Segment customers as of a day and print the states, ranks and the LTV analysis.
#
#   LTVCRM_LIBRARY=build/libltvcrm.so ruby -Ibindings/ruby/lib examples/ruby/segments.rb \
#     examples/data/orders.csv ja 5000
require "ltvcrm"

path = ARGV.fetch(0) { abort "usage: segments.rb FILE.csv [en|ja] [CPO]" }
lang = ARGV.fetch(1, "en").to_sym
cpo = ARGV[2] && Integer(ARGV[2])

ledger = Ltvcrm::Ledger.new
ledger.load_csv(path, decimals: 0)
ledger.segment(dormant_days: 180) do |seg|
  puts "as of #{seg.as_of}, #{seg.size} customers", ""
  seg.state_stats.each do |state, stats|
    puts format("%-10s %7d customers %5.1f%%  revenue %12d  average LTV %10.0f", Ltvcrm.state_label(state, lang),
                stats[:customers], 100 * stats[:customer_share], stats[:revenue], stats[:average_ltv])
  end
  puts
  seg.rank_stats.each do |rank, stats|
    puts format("%-16s %7d customers  orders/year %.2f", Ltvcrm.rank_label(rank, lang), stats[:customers],
                stats[:orders_per_year])
  end
  puts
  seg.preset_customers(lang).each { |name, count| puts format("%-20s %7d", name, count) }
  ltv = seg.ltv_summary
  puts "", format("average LTV %.0f; the top 1 %% (%d customers) bring %.1f%%; keeping a customer is worth %.0f",
                  ltv[:average_ltv], ltv[:core_customers], 100 * ltv[:core_revenue_share], ltv[:retention_value])
  if cpo
    verdict, ratio = seg.cpo_verdict(cpo)
    puts format("CPO %d: LTV/CPO = %.2f. %s", cpo, ratio, Ltvcrm.cpo_verdict_label(verdict, lang))
  end
end
