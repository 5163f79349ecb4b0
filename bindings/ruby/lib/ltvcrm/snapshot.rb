# frozen_string_literal: true

module Ltvcrm
  # Snapshots (include/ltvcrm/snapshot.h, docs/snapshot-format.md): a ledger saved to a file or
  # to a String and opened again without parsing.
  Ltvcrm.bind(
    ltv_ledger_save: [[Native::P, :string], :status],
    ltv_ledger_open: [[Native::P, :string], :status],
    ltv_ledger_open_flags: [[Native::P, :string, :uint32], :status],
    ltv_ledger_verify: [[Native::P], :status],
    ltv_ledger_save_buffer: [[Native::P, Native::P, Native::P], :status],
    ltv_ledger_open_buffer: [[Native::P, Native::P, :size_t], :status],
    ltv_snapshot_info_read: [[:string, Native::P, :size_t], :status],
    ltv_snapshot_detect: [[:string, Native::P], :status],
    ltv_ledger_save_increment: [[Native::P, :string, Native::P], :status],
    ltv_snapshot_compact: [[:string], :status]
  )

  # What Ledger#save_increment did, by its ltv_snapshot_save_how value.
  SNAPSHOT_SAVE_HOW = %i[unchanged increment rewritten compacted].freeze

  class Ledger
    # Open a snapshot file (mapped and checked, not parsed); with a block, closed after it.
    # check_on_use: each part of the file is checked by the first call that reads it
    # (LTV_OPEN_CHECK_ON_USE; #segment checks the events while reading them), so a damaged
    # file raises FormatError from that call instead of here.
    def self.load_snapshot(path, check_on_use: false, &block)
      out = Owner.out_pointer
      C.ltv_ledger_open_flags(out, path.to_s, check_on_use ? 1 : 0)
      adopt_snapshot(out.read_pointer, &block)
    end

    # Run every check that load_snapshot(..., check_on_use: true) left for later.
    def verify
      C.ltv_ledger_verify(ptr)
      nil
    end

    # A ledger from snapshot bytes (#save_buffer); the library keeps its own copy.
    def self.from_snapshot_buffer(data, &block)
      bytes = data.b
      buf = FFI::MemoryPointer.new(:char, [bytes.bytesize, 1].max)
      buf.put_bytes(0, bytes)
      out = Owner.out_pointer
      C.ltv_ledger_open_buffer(out, buf, bytes.bytesize)
      adopt_snapshot(out.read_pointer, &block)
    end

    def self.adopt_snapshot(pointer)
      ledger = allocate
      ledger.send(:adopt, pointer, :ltv_ledger_free)
      ledger.instance_variable_set(:@version, 0)
      return ledger unless block_given?

      begin
        yield ledger
      ensure
        ledger.close
      end
    end
    private_class_method :adopt_snapshot

    # Save as a snapshot file, crash-safe (temporary file, fsync, rename).
    def save(path)
      C.ltv_ledger_save(ptr, path.to_s)
      nil
    end

    # Save to a snapshot file appending only what is new since it was opened or last saved
    # so (format version 2): :increment, :rewritten (a whole new base), :compacted or :unchanged.
    def save_increment(path)
      how = FFI::MemoryPointer.new(:int)
      C.ltv_ledger_save_increment(ptr, path.to_s, how)
      SNAPSHOT_SAVE_HOW[how.read(:int)]
    end

    # The snapshot as a binary String (the same bytes as a file).
    def save_buffer = Ltvcrm.owned_bytes(:ltv_ledger_save_buffer, ptr)
  end

  # @private The bytes a `*_save_buffer` function hands over (data, length), freed after the copy.
  def self.owned_bytes(function, handle)
    data, len = Owner.out_pointer, Ltvcrm.out(:size_t)
    C.public_send(function, handle, data, len)
    pointer = data.read_pointer
    begin
      pointer.read_bytes(len.read(:size_t))
    ensure
      C.ltv_free(pointer)
    end
  end

  # True if the file starts with the snapshot magic.
  def self.snapshot?(path)
    out = FFI::MemoryPointer.new(:int)
    C.ltv_snapshot_detect(path.to_s, out)
    out.read(:int) == 1
  end

  # What a snapshot file holds: format_version, sections, bytes, customers, events, orders, revenue,
  # increments and commit (format version 2).
  def self.snapshot_info(path)
    out = FFI::MemoryPointer.new(:uint8, 72)
    C.ltv_snapshot_info_read(path.to_s, out, 72)
    { format_version: out.get_uint32(0), sections: out.get_uint32(4), bytes: out.get_uint64(8),
      customers: out.get_uint64(16), events: out.get_uint64(24), orders: out.get_uint64(32),
      revenue: out.get_int64(40), increments: out.get_uint64(56), commit: out.get_uint64(64) }
  end

  # Rewrite a snapshot file as one base without increments.
  def self.compact_snapshot(path)
    C.ltv_snapshot_compact(path.to_s)
    nil
  end
end

module Ltvcrm
  # The Arrow C Data Interface exports (include/ltvcrm/arrow.h, docs/arrow.md), declared for
  # Ruby programs that hand the structs to an Arrow library of their own (red-arrow's
  # Arrow::RecordBatch.import ...): each fills caller-allocated ArrowSchema (72 bytes) and
  # ArrowArray (80 bytes) structs, or an ArrowArrayStream (40 bytes).
  Ltvcrm.bind(
    ltv_segmentation_to_arrow: [[Native::P, Native::P, Native::P], :status],
    ltv_segmentation_to_arrow_stream: [[Native::P, Native::P], :status],
    ltv_ledger_facts_to_arrow: [[Native::P, :int32, Native::P, Native::P], :status],
    ltv_ledger_facts_to_arrow_stream: [[Native::P, :int32, Native::P], :status]
  )
end
