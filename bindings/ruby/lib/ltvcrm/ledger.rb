# frozen_string_literal: true

module Ltvcrm
  # Kinds of event, in code order (ltv_event_kind).
  EVENT_KINDS = %i[order refund visit cancel].freeze

  # The C struct ltv_customer_facts.
  class CFacts < FFI::Struct
    layout :first_order_day, :int32, :second_order_day, :int32, :last_order_day, :int32, :orders, :int32,
           :amount, :int64, :items, :int64, :tenure_days, :int32, :recency_days, :int32, :year_orders, :int32,
           :refunds, :int32, :year_amount, :int64, :refund_amount, :int64, :visits, :int32, :year_visits, :int32,
           :first_event_day, :int32, :cancel_day, :int32
  end

  # The C struct ltv_ledger_summary.
  class CSummary < FFI::Struct
    layout :customers, :uint64, :repeat_customers, :uint64, :orders, :uint64, :refunds, :uint64, :visits, :uint64,
           :cancels, :uint64, :revenue, :int64, :gross_revenue, :int64, :items, :int64, :first_day, :int32,
           :last_day, :int32
  end

  # One customer's facts as of a day; days are Dates or nil.
  Facts = Struct.new(:as_of, *CFacts.members, keyword_init: true)

  # Totals over a ledger as of a day; days are Dates or nil.
  Summary = Struct.new(:as_of, *CSummary.members, keyword_init: true) do
    # Repeat customers / customers (0.0 without customers).
    def repeat_rate = customers.zero? ? 0.0 : repeat_customers.fdiv(customers)

    # Gross revenue per order in minor units (0.0 without orders).
    def average_order_value = orders.zero? ? 0.0 : gross_revenue.fdiv(orders)
  end

  # One event as the ledger keeps it (refund amounts negative).
  Event = Struct.new(:kind, :day, :amount, :items)

  # A customer of a ledger.
  Customer = Struct.new(:ledger, :index) do
    def id = ledger.customer_id(index)
    def facts(as_of: nil) = ledger.facts(index, as_of: as_of)
    def events = ledger.events(index)
    def inspect = "#<Ltvcrm::Customer #{index} #{id.inspect}>"
  end

  def self.struct_values(struct, date_fields)
    struct.members.to_h do |name|
      value = struct[name]
      [name, date_fields.include?(name) ? Ltvcrm.from_day(value) : value]
    end
  end

  def self.kind_code(kind) = code(EVENT_KINDS, kind, "event kind")

  # Ids that the library takes as they are: UTF-8 text and raw bytes (BINARY), which it checks
  # for UTF-8 itself. Text in another encoding (Shift_JIS) is transcoded first.
  RAW_ID_ENCODINGS = [Encoding::UTF_8, Encoding::BINARY, Encoding::US_ASCII].freeze

  def self.encode_id(customer_id)
    raise InvalidArgumentError, "customer id #{customer_id.inspect} is not a String" unless customer_id.is_a?(String)
    return customer_id.b if RAW_ID_ENCODINGS.include?(customer_id.encoding)

    customer_id.encode(Encoding::UTF_8).b
  rescue ::EncodingError => e
    raise EncodingError, "customer id #{customer_id.b.inspect} is not valid #{customer_id.encoding}: #{e.message}"
  end

  # Every customer's events; facts and totals as of a day.
  #
  #   Ltvcrm::Ledger.open do |ledger|
  #     ledger.add_order("C001", "2026-01-05", 1980, items: 2)
  #     ledger.summary.revenue   # => 1980
  #   end
  #
  # Customers have String ids and dense indices 0...size in the order they were first seen.
  # Days may be Dates, Times, ISO text or day numbers.
  class Ledger
    include Owner
    include Enumerable

    # Grows with every change, so that results can tell that they are stale.
    attr_reader :version

    def initialize(reserve_customers: 0, reserve_events: 0)
      out = Owner.out_pointer
      C.ltv_ledger_new(out)
      adopt(out.read_pointer, :ltv_ledger_free)
      @version = 0
      reserve(reserve_customers, reserve_events) if reserve_customers.positive? || reserve_events.positive?
    end

    # A new ledger with the events of parallel columns (see #add_events).
    def self.from_columns(customer_ids, days, **columns)
      ledger = new
      ledger.add_events(customer_ids, days, **columns)
      ledger
    end

    # The handle, for the other classes of the gem.
    def pointer = ptr

    # -- adding ---------------------------------------------------------------------------

    # Reserve room for more customers and events.
    def reserve(customers, events)
      customers = Ltvcrm.integer(customers, "customers", :uint64)
      C.ltv_ledger_reserve(ptr, customers, Ltvcrm.integer(events, "events", :uint64))
      nil
    end

    # Add one event; items default to 1 for an order and 0 otherwise.
    # +timezone+ (the shop's) places a Time or a timestamp with an offset on the shop's day.
    def add_event(customer_id, day, amount = 0, items: nil, kind: :order, timezone: nil)
      raw = Ltvcrm.encode_id(customer_id)
      code = Ltvcrm.kind_code(kind)
      items = code.zero? ? 1 : 0 if items.nil?
      C.ltv_ledger_add_event(ptr, raw, raw.bytesize, code, Ltvcrm.day_of(day, timezone), Ltvcrm.integer(amount, "amount"),
                             Ltvcrm.integer(items, "items", :int32))
      changed
    end

    # Add one order of +amount+ minor units.
    def add_order(customer_id, day, amount, items: 1, timezone: nil)
      raw = Ltvcrm.encode_id(customer_id)
      C.ltv_ledger_add_order(ptr, raw, raw.bytesize, Ltvcrm.day_of(day, timezone), Ltvcrm.integer(amount, "amount"),
                             Ltvcrm.integer(items, "items", :int32))
      changed
    end

    # Add a refund (either sign; stored negative).
    def add_refund(customer_id, day, amount) = add_event(customer_id, day, amount, items: 0, kind: :refund)

    # Add a visit (a use of a membership service).
    def add_visit(customer_id, day) = add_event(customer_id, day, 0, items: 0, kind: :visit)

    # Add a membership cancel.
    def add_cancel(customer_id, day) = add_event(customer_id, day, 0, items: 0, kind: :cancel)

    # Add many events from parallel Arrays in one C call; all rows or none. +kinds+ holds
    # Symbols or codes (nil: all orders), +amounts+ nil means 0, +items+ nil means 1 per order.
    # The columns are packed with Array#pack; the C call validates every row and names the
    # first bad one. Returns the number of rows added.
    # +timezone+ (the shop's, see Timezone) converts Times and timestamps with an offset to
    # the shop's day; without it a Time counts by its own date.
    def add_events(customer_ids, days, amounts: nil, items: nil, kinds: nil, timezone: nil)
      n = customer_ids.size
      { days: days, amounts: amounts, items: items, kinds: kinds }.each do |name, column|
        next if column.nil? || column.size == n

        raise InvalidArgumentError, "#{name} has #{column.size} rows but customer_ids has #{n}"
      end
      return 0 if n.zero?

      unless timezone.nil?
        tz = Ltvcrm.zone(timezone)
        days = days.map { |d| Ltvcrm.day_of(d, tz) }
      end
      batch = Bulk.pack(customer_ids, days, amounts, items, kinds)
      C.ltv_ledger_add_events(ptr, n, batch[:ids], batch[:offsets], batch[:kinds], batch[:days], batch[:amounts],
                              batch[:items])
      changed
      n
    end

    # Add every event of +other+ (which is not changed).
    def merge(other)
      raise InvalidArgumentError, "cannot merge a ledger into itself" if other.equal?(self)

      C.ltv_ledger_merge(ptr, other.pointer)
      changed
    end

    # Load a CSV file; returns the LoadReport. Settings as CsvOptions (decimals:, columns:,
    # delimiter:, max_errors:, strict:, progress:), or an options object. Rejected rows do not
    # raise; whole-file problems raise with the report (if any) in the exception's #report.
    def load_csv(path, options = nil, **settings)
      report = CsvLoad.run(self, path.to_s, nil, options, settings)
      changed
      report
    end

    # Load CSV text held in a String; otherwise as #load_csv.
    def load_csv_buffer(data, options = nil, **settings)
      report = CsvLoad.run(self, nil, data.b, options, settings)
      changed
      report
    end

    # Organize the events for querying now rather than on the first query.
    def prepare
      C.ltv_ledger_prepare(ptr)
      nil
    end

    # -- querying -------------------------------------------------------------------------

    def size = C.ltv_ledger_customer_count(ptr)
    alias customer_count size
    alias length size

    def event_count = C.ltv_ledger_event_count(ptr)
    def order_count = C.ltv_ledger_order_count(ptr)
    # Visit (use) events: above 0, visits count as activity by default (ltv_ledger_visit_count).
    def visit_count = C.ltv_ledger_visit_count(ptr)

    # All orders minus all refunds, in minor units, whatever their day.
    def revenue = C.ltv_ledger_revenue(ptr)

    # [first Date, last Date] of any event; nil for an empty ledger.
    def day_range
      first, last = Ltvcrm.out(:int32), Ltvcrm.out(:int32)
      C.ltv_ledger_day_range(ptr, first, last)
      [Ltvcrm.from_day(first.read_int32), Ltvcrm.from_day(last.read_int32)]
    rescue NotFoundError
      nil
    end

    # The day after the last event, as a day number: the as-of day that counts everything.
    def default_as_of
      last = Ltvcrm.out(:int32)
      C.ltv_ledger_day_range(ptr, nil, last)
      last.read_int32 + 1
    rescue NotFoundError
      raise StateError, "the ledger has no events: give an as-of day"
    end

    # A customer's index; NotFoundError for an unknown id.
    def find(customer_id)
      raw = Ltvcrm.encode_id(customer_id)
      out = Ltvcrm.out(:uint64)
      C.ltv_ledger_find(ptr, raw, raw.bytesize, out)
      out.read_uint64
    end

    def include?(customer_id)
      find(customer_id)
      true
    rescue NotFoundError
      false
    end

    # The id of the customer at +index+.
    def customer_id(index)
      id, len = Owner.out_pointer, Ltvcrm.out(:size_t)
      C.ltv_ledger_customer_id(ptr, Ltvcrm.integer(index, "customer index", :uint64), id, len)
      id.read_pointer.read_bytes(len.read(:size_t)).force_encoding(Encoding::UTF_8)
    end

    # A Customer by index or id.
    def customer(customer)
      index = index_of(customer)
      raise OutOfRangeError, "customer index #{index} is outside 0...#{size}" unless index.between?(0, size - 1)

      Customer.new(self, index)
    end

    # Each customer id in index order (Enumerable).
    def each
      return enum_for(:each) { size } unless block_given?

      size.times { |i| yield customer_id(i) }
    end

    # Each Customer in index order.
    def each_customer
      return enum_for(:each_customer) { size } unless block_given?

      size.times { |i| yield Customer.new(self, i) }
    end

    # A customer's Facts (by index or id) as of a day; default: the day after the last event.
    def facts(customer, as_of: nil)
      day = as_of_day(as_of)
      out = CFacts.new
      C.ltv_ledger_facts(ptr, index_of(customer), day, out, CFacts.size)
      Facts.new(as_of: Ltvcrm.from_day(day),
                **Ltvcrm.struct_values(out, %i[first_order_day second_order_day last_order_day first_event_day
                                               cancel_day]))
    end

    # Totals over all customers as of a day; default: the day after the last event.
    def summary(as_of: nil)
      day = as_of_day(as_of)
      out = CSummary.new
      C.ltv_ledger_summary_as_of(ptr, day, out, CSummary.size)
      Summary.new(as_of: Ltvcrm.from_day(day), **Ltvcrm.struct_values(out, %i[first_day last_day]))
    end

    # A customer's events in the ledger's canonical order (by day).
    def events(customer)
      index = index_of(customer)
      count = Ltvcrm.out(:size_t)
      C.ltv_ledger_customer_events(ptr, index, nil, nil, nil, nil, 0, count)
      n = count.read(:size_t)
      return [] if n.zero?

      kinds, days = FFI::MemoryPointer.new(:uint8, n), FFI::MemoryPointer.new(:int32, n)
      amounts, items = FFI::MemoryPointer.new(:int64, n), FFI::MemoryPointer.new(:int32, n)
      C.ltv_ledger_customer_events(ptr, index, kinds, days, amounts, items, n, count)
      kinds.read_array_of_uint8(n).zip(days.read_array_of_int32(n), amounts.read_array_of_int64(n),
                                       items.read_array_of_int32(n)).map do |k, d, a, i|
        Event.new(EVENT_KINDS[k], Ltvcrm.from_day(d), a, i)
      end
    end

    # Segment every customer as of a day (default: the day after the last event). Settings as
    # SegmentConfig keywords, or a config object. With a block, yields the Segmentation, closes
    # it afterwards and returns the block's value.
    def segment(as_of: nil, config: nil, **settings, &block)
      seg = Segmentation.run(self, as_of_day(as_of), config, settings)
      return seg unless block

      begin
        yield seg
      ensure
        seg.close
      end
    end

    def inspect
      return "#<Ltvcrm::Ledger closed>" if closed?

      "#<Ltvcrm::Ledger customers=#{size} events=#{event_count}>"
    end

    # @private
    def as_of_day(as_of) = as_of.nil? ? default_as_of : Ltvcrm.to_day(as_of)

    private

    def changed
      @version += 1
      nil
    end

    def index_of(customer)
      case customer
      when Customer then customer.index
      when String then find(customer)
      when Integer then Ltvcrm.integer(customer, "customer index", :uint64)
      else raise InvalidArgumentError, "a customer is an index or an id, not #{customer.inspect}"
      end
    end
  end

  # Packing Ruby Arrays into the buffers of ltv_ledger_add_events.
  module Bulk
    module_function

    def pack(customer_ids, days, amounts, items, kinds)
      data, offsets = id_column(customer_ids)
      {
        ids: data, offsets: offsets,
        days: days_column(days),
        amounts: amounts && int_column(amounts, "amounts", "q*", -(2**63), (2**63) - 1),
        items: items && int_column(items, "items", "l*", -(2**31), (2**31) - 1),
        kinds: kinds && kinds.map { |k| Ltvcrm.kind_code(k) }.then { |c| int_column(c, "kinds", "C*", 0, 255) }
      }
    end

    # The ids concatenated as UTF-8 bytes, and n + 1 int64 offsets (Arrow's string layout).
    # One join when every id is a UTF-8 (or ASCII, or binary) String; ids in other encodings
    # are transcoded one by one.
    def id_column(customer_ids)
      row = customer_ids.index { |id| !id.is_a?(String) } unless customer_ids.all?(String)
      raise InvalidArgumentError, "customer_ids[#{row}] = #{customer_ids[row].inspect} is not a String" if row

      data = begin
        customer_ids.join
      rescue Encoding::CompatibilityError
        nil
      end
      ids = customer_ids
      unless data && [Encoding::UTF_8, Encoding::US_ASCII, Encoding::BINARY].include?(data.encoding)
        ids = customer_ids.map { |id| Ltvcrm.encode_id(id) }
        data = ids.join
      end
      offset = 0
      offsets = [0] + ids.map { |id| offset += id.bytesize }
      [data.b, offsets.pack("q*")]
    end

    def days_column(days)
      values = if days.all?(Integer)
                 days
               elsif days.all?(Date)
                 days.map { |d| d.jd - EPOCH_JD }
               else
                 days.each_with_index.map do |d, row|
                   Ltvcrm.to_day(d)
                 rescue InvalidArgumentError, OutOfRangeError => e
                   raise e.class, "days[#{row}]: #{e.detail}"
                 end
               end
      int_column(values, "days", "l*", DAY_MIN, DAY_MAX)
    end

    # Check the whole column (C-level minmax), then pack: Array#pack would wrap silently.
    def int_column(values, name, directive, low, high)
      unless values.all?(Integer)
        row = values.index { |v| !v.is_a?(Integer) }
        raise InvalidArgumentError, "#{name}[#{row}] = #{values[row].inspect} is not an Integer"
      end

      min, max = values.minmax
      if min && (min < low || max > high)
        row = values.index { |v| v < low || v > high }
        raise OutOfRangeError, "#{name}[#{row}] = #{values[row]} is outside #{low}..#{high}"
      end
      values.pack(directive)
    end
  end
end
