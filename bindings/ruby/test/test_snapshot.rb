# frozen_string_literal: true

require_relative "helper"

# Snapshots from Ruby: file and String round trips, damaged bytes refused.
class TestSnapshot < Minitest::Test
  def sample_ledger
    ledger = Ltvcrm::Ledger.new
    ledger.load_csv(TestSupport::SAMPLE_CSV, decimals: 0)
    ledger
  end

  def test_file_round_trip
    Dir.mktmpdir do |dir|
      path = File.join(dir, "sample.ltvsnap")
      ledger = sample_ledger
      ledger.save(path)
      assert Ltvcrm.snapshot?(path)
      refute Ltvcrm.snapshot?(TestSupport::SAMPLE_CSV)
      assert_equal 4000, Ltvcrm.snapshot_info(path)[:customers]
      Ltvcrm::Ledger.load_snapshot(path) do |opened|
        assert_equal ledger.size, opened.size
        assert_equal ledger.health_check(as_of: "2026-11-01").to_json, opened.health_check(as_of: "2026-11-01").to_json
      end
    end
  end

  def test_checks_on_first_use
    Dir.mktmpdir do |dir|
      path = File.join(dir, "sample.ltvsnap")
      ledger = sample_ledger
      ledger.save(path)
      Ltvcrm::Ledger.load_snapshot(path, check_on_use: true) do |opened|
        assert_equal ledger.health_check(as_of: "2026-11-01").to_json, opened.health_check(as_of: "2026-11-01").to_json
        assert_nil opened.verify
      end
      blob = File.binread(path)
      blob.setbyte(blob.bytesize - 20, blob.getbyte(blob.bytesize - 20) ^ 1) # in the events
      damaged = File.join(dir, "damaged.ltvsnap")
      File.binwrite(damaged, blob)
      Ltvcrm::Ledger.load_snapshot(damaged, check_on_use: true) do |opened|
        assert_equal 4000, opened.size # META was checked by the open
        error = assert_raises(Ltvcrm::FormatError) { opened.verify }
        assert_match(/EVENTS's checksum/, error.message)
        assert_raises(Ltvcrm::FormatError) { opened.health_check(as_of: "2026-11-01") }
      end
    end
  end

  def test_buffer_round_trip_and_damage
    blob = sample_ledger.save_buffer
    assert_equal "\x89LTVSNAP".b, blob[0, 8]
    assert_equal 4000, Ltvcrm::Ledger.from_snapshot_buffer(blob).size
    assert_raises(Ltvcrm::FormatError) { Ltvcrm::Ledger.from_snapshot_buffer(blob[0...-1]) }
  end

  def test_increments_append_and_compact
    Dir.mktmpdir do |dir|
      path = File.join(dir, "nightly.ltvsnap")
      assert_equal :rewritten, sample_ledger.save_increment(path)
      Ltvcrm::Ledger.load_snapshot(path) do |opened|
        opened.add_order("brand-new", "2026-11-01", 1200)
        assert_equal :increment, opened.save_increment(path)
      end
      info = Ltvcrm.snapshot_info(path)
      assert_equal [2, 1, 2, 4001], info.values_at(:format_version, :increments, :commit, :customers)
      Ltvcrm.compact_snapshot(path)
      assert_equal 0, Ltvcrm.snapshot_info(path)[:increments]
      Ltvcrm::Ledger.load_snapshot(path) { |opened| assert_equal 4001, opened.size }
    end
  end

  # The Arrow export through the raw declarations: the spec's struct offsets on 64-bit.
  def test_arrow_export_fills_the_structs
    ledger = sample_ledger
    ledger.segment(as_of: "2026-11-01") do |seg|
      schema = FFI::MemoryPointer.new(:uint8, 72)
      array = FFI::MemoryPointer.new(:uint8, 80)
      Ltvcrm::C.ltv_segmentation_to_arrow(seg.pointer, schema, array)
      assert_equal "+s", schema.get_pointer(0).read_string
      assert_equal 12, schema.get_int64(32) # n_children
      assert_equal 4000, array.get_int64(0) # length
      assert_equal 12, array.get_int64(32)
      FFI::Function.new(:void, [:pointer], array.get_pointer(64)).call(array)
      FFI::Function.new(:void, [:pointer], schema.get_pointer(56)).call(schema)
      assert array.get_pointer(64).null?
      assert schema.get_pointer(56).null?
    end
  end
end
