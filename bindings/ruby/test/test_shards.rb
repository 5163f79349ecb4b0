# frozen_string_literal: true

require_relative "helper"
require "zlib"

# Per-shard segmentation from Ruby: the sample split by a hash of the customer, summaries
# through bytes, each shard segmented with the merged summary equals the whole's run.
class TestShards < Minitest::Test
  AS_OF = "2026-11-01"

  def shards(dir, count)
    header, *lines = File.read(TestSupport::SAMPLE_CSV, encoding: "UTF-8").lines(chomp: true)
    Array.new(count) do |shard|
      path = File.join(dir, "shard-#{shard}.csv")
      mine = lines.select { |line| Zlib.crc32(line.split(",").first) % count == shard }
      File.write(path, ([header] + mine).join("\n") + "\n")
      ledger = Ltvcrm::Ledger.new
      ledger.load_csv(path, decimals: 0)
      ledger
    end
  end

  def test_shards_equal_the_whole
    whole = Ltvcrm::Ledger.new
    whole.load_csv(TestSupport::SAMPLE_CSV, decimals: 0)
    expected = whole.segment(as_of: AS_OF, rfm_mode: :type7)
    Dir.mktmpdir do |dir|
      parts = shards(dir, 3)
      blobs = parts.map { |part| Ltvcrm::SegmentSummary.of(part, as_of: AS_OF, rfm_mode: :type7).to_bytes }
      merged = blobs.map { |blob| Ltvcrm::SegmentSummary.from_bytes(blob) }.reduce { |a, b| a.merge(b) }
      assert_equal Ltvcrm::SegmentSummary.of(whole, as_of: AS_OF, rfm_mode: :type7).to_bytes, merged.to_bytes
      seen = 0
      parts.each do |part|
        seg = part.segment_shard(merged, rfm_mode: :type7)
        part.size.times do |i|
          row = seg.customer(i).to_h.reject { |key, _| key == :index }
          want = expected.customer(whole.find(part.customer_id(i))).to_h.reject { |key, _| key == :index }
          assert_equal want, row
          seen += 1
        end
        assert_equal expected.thresholds(:monetary), seg.thresholds(:monetary)
        seg.close
      end
      assert_equal whole.size, seen
      assert_raises(Ltvcrm::InvalidArgumentError) { parts[0].segment_shard(merged, rfm_mode: :quantile, rfm_bins: 3) }
      assert_raises(Ltvcrm::FormatError) { Ltvcrm::SegmentSummary.from_bytes(blobs[0][0..-2]) }
    end
  end
end
