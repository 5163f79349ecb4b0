# frozen_string_literal: true

module Ltvcrm
  # Segmentation of a log split by customer across shards with global cut points
  # (docs/shards.md): a summary per shard, merged exactly, then each shard segmented with the
  # whole's summary — every customer's result is the whole ledger's.
  Ltvcrm.bind(
    ltv_segment_summary_new: [[Native::P, Native::P, Native::P, :int32], :status],
    ltv_segment_summary_merge: [[Native::P, Native::P], :status],
    ltv_segment_summary_customer_count: [[Native::P], :uint64],
    ltv_segment_summary_as_of: [[Native::P], :int32],
    ltv_segment_summary_save_buffer: [[Native::P, Native::P, Native::P], :status],
    ltv_segment_summary_open_buffer: [[Native::P, Native::P, :size_t], :status],
    ltv_segment_summary_free: [[Native::P], :void],
    ltv_segment_run_shard: [[Native::P, Native::P, Native::P, :int32, Native::P], :status]
  )

  # What the global cut points need from one shard's customers, or from several merged.
  class SegmentSummary
    include Owner

    # The summary of a shard's ledger as of a day (required: each shard's default would differ).
    def self.of(ledger, as_of:, config: nil, **settings)
      Segmentation.with_config(config, settings) do |cfg|
        out = Owner.out_pointer
        C.ltv_segment_summary_new(out, ledger.pointer, cfg, Ltvcrm.to_day(as_of))
        new(out.read_pointer)
      end
    end

    # A summary from #to_bytes (checked whole: FormatError names the problem).
    def self.from_bytes(data)
      bytes = data.b
      buf = FFI::MemoryPointer.new(:char, [bytes.bytesize, 1].max)
      buf.put_bytes(0, bytes)
      out = Owner.out_pointer
      C.ltv_segment_summary_open_buffer(out, buf, bytes.bytesize)
      new(out.read_pointer)
    end

    def initialize(pointer)
      adopt(pointer, :ltv_segment_summary_free)
    end

    # Add another shard's summary (exact); returns self.
    def merge(other)
      C.ltv_segment_summary_merge(ptr, other.pointer)
      self
    end

    # The summary as a binary String for another process.
    def to_bytes = Ltvcrm.owned_bytes(:ltv_segment_summary_save_buffer, ptr)

    # Customers with an order before the as-of day.
    def customers = C.ltv_segment_summary_customer_count(ptr)

    # The as-of day (days since 1970-01-01).
    def as_of_day = C.ltv_segment_summary_as_of(ptr)

    # The handle, for the other classes of the gem.
    def pointer = ptr
  end

  class Ledger
    # Segment this shard's customers with the whole's summary, as of its day: every
    # customer's result is the whole ledger's (the customers per named segment are the shard's).
    def segment_shard(whole, config: nil, **settings)
      Segmentation.with_config(config, settings) do |cfg|
        out = Owner.out_pointer
        C.ltv_segment_run_shard(out, pointer, cfg, whole.as_of_day, whole.pointer)
        Segmentation.new(out.read_pointer, self)
      end
    end
  end
end
