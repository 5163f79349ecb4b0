# frozen_string_literal: true

# Orders from a back-office system as arrays → a ledger in one call → the campaign matrix with
# live figures, and the CRM maturity grade.
#
#   LTVCRM_LIBRARY=build/libltvcrm.so ruby -Ibindings/ruby/lib examples/ruby/bulk_and_matrix.rb AABCDAABBA
require "ltvcrm"

answers = ARGV.fetch(0, "AABCDAABBA")

# Whatever the shop's database returns: here, 20,000 made-up orders from 3,000 customers.
rng = Random.new(1)
orders = Array.new(20_000) do
  ["M#{rng.rand(3000)}", Date.new(2024, 1, 1) + rng.rand(700), 1000 + rng.rand(9000), 1 + rng.rand(3)]
end
ids, days, amounts, items = orders.transpose

Ltvcrm::Ledger.open do |ledger|
  ledger.add_events(ids, days, amounts: amounts, items: items) # one C call for all rows

  grade = Ltvcrm.grade(answers).attach_ledger(ledger)
  puts grade.title, grade.summary
  grade.steps.first(3).each do |step|
    puts "- Q#{step.question} (#{step.answer.upcase}): #{step.text}"
    line = grade.figure_line(step.question)
    puts "  #{line}" if line
  end
  puts

  matrix = Ltvcrm::Matrix.template(lang: :en, decimals: 0, cell_width: 24)
  ledger.segment { |seg| matrix.figures_from(seg) }
  matrix.set_acquisition(10_000, 6000)
  matrix.set_box(:retention, :offer, "Members-only early access to new products", status: :active)
  puts matrix.render(format: :text)
end
