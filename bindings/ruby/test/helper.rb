# frozen_string_literal: true

# Test setup. Run as CI does (scripts/test.sh):
#   LTVCRM_LIBRARY=build/libltvcrm.so ruby -Ibindings/ruby/lib \
#     -e 'Dir["bindings/ruby/test/test_*.rb"].each { |f| require File.expand_path(f) }'
require "minitest/autorun"
require "open3"
require "rbconfig"
require "tmpdir"
require "ltvcrm"

module TestSupport
  REPO = File.expand_path("../../..", __dir__)
  LIB = File.expand_path("../lib", __dir__)
  SAMPLE_CSV = File.join(REPO, "examples", "data", "orders.csv")

  module_function

  def compiler
    %w[cc gcc clang].find { |c| system("command -v #{c} >/dev/null 2>&1") }
  end

  # The C reference program (bindings/reference/ltv_reference.c), built once per run.
  def reference
    @reference ||= begin
      library = File.expand_path(Ltvcrm.library_path)
      return nil unless compiler && File.file?(library)

      out = File.join(Dir.mktmpdir("ltvcrm-ref"), "ltv_reference")
      ok = system(compiler, "-std=c11", "-I", File.join(REPO, "include"),
                  File.join(REPO, "bindings", "reference", "ltv_reference.c"), library,
                  "-Wl,-rpath,#{File.dirname(library)}", "-o", out)
      ok ? out : nil
    end
  end

  # A deterministic log with every kind of event: [id, day, amount, items, kind] rows.
  def log_rows(seed: 7, customers: 300, events: 3000)
    rng = Random.new(seed)
    Array.new(events) do
      id = rng.rand < 0.95 ? format("K%04d", rng.rand(customers)) : "会員#{rng.rand(20)}"
      day = 19_000 + rng.rand(1200)
      pick = rng.rand(100)
      kind = if pick < 80 then :order elsif pick < 88 then :refund elsif pick < 98 then :visit else :cancel end
      amount = %i[order refund].include?(kind) ? 100 + rng.rand(19_900) : 0
      items = kind == :order ? rng.rand(6) : 0
      [id, day, amount, items, kind]
    end
  end

  def write_csv(path, rows)
    File.open(path, "w") do |out|
      out.puts "customer_id,order_date,amount,items,kind"
      rows.each { |id, day, amount, items, kind| out.puts "#{id},#{Ltvcrm.format_day(day)},#{amount},#{items},#{kind}" }
    end
    path
  end

  # Resident set size from /proc/self/statm.
  def rss_bytes
    File.read("/proc/self/statm").split[1].to_i * 4096
  end
end
