# frozen_string_literal: true

module Ltvcrm
  Ltvcrm.bind(
    ltv_customer_table_new: [[Native::P], :status], ltv_customer_table_free: [[Native::P], :void],
    ltv_customer_table_add: [[Native::P, Native::P, :size_t, :int32, :int32, :int32, :int64], :status],
    ltv_customer_table_count: [[Native::P], :uint64],
    ltv_customer_table_customer_id: [[Native::P, :uint64, Native::P, Native::P], :status],
    ltv_customer_table_find: [[Native::P, Native::P, :size_t, Native::P], :status],
    ltv_customer_table_load_csv: [[Native::P, :string, Native::P, Native::P], :status],
    ltv_segment_run_customers: [[Native::P, Native::P, Native::P, :int32], :status]
  )

  # Customers with their aggregates — orders, the last order (a date, or days before the
  # as-of day) and revenue — and no events (ltv_customer_table), as R's rfm_table_customer()
  # takes them. #segment scores it: RFM scores, named segments, states without fans (a fan
  # needs a tenure), lifetime LTV; ranks need the trailing year and are :none.
  class CustomerTable
    include Owner

    attr_reader :version

    def initialize
      out = Owner.out_pointer
      C.ltv_customer_table_new(out)
      adopt(out.read_pointer, :ltv_customer_table_free)
      @version = 0
    end

    def pointer = ptr
    def size = C.ltv_customer_table_count(ptr)
    alias length size

    # Add a customer: revenue in minor units, and either last_order: (a date) or
    # recency_days: (days before the as-of day).
    def add(customer_id, orders:, revenue:, last_order: nil, recency_days: nil)
      raw = Ltvcrm.encode_id(customer_id)
      day = last_order.nil? ? NO_DAY : Ltvcrm.to_day(last_order)
      recency = recency_days.nil? ? -1 : Ltvcrm.integer(recency_days, "recency_days", :int32)
      C.ltv_customer_table_add(ptr, raw, raw.bytesize, Ltvcrm.integer(orders, "orders", :int32), day, recency,
                               Ltvcrm.integer(revenue, "revenue"))
      @version += 1
      self
    end

    # Load a CSV of customer_id, orders, revenue and recency_days or last_order_date (other
    # header names through columns: { orders: "..." }); returns the LoadReport.
    def load_csv(path, options = nil, **settings)
      report = CsvLoad.run(self, path.to_s, nil, options, settings, customer_table: true)
      @version += 1
      report
    end

    # A customer's index; NotFoundError for an unknown id.
    def find(customer_id)
      raw = Ltvcrm.encode_id(customer_id)
      out = Ltvcrm.out(:uint64)
      C.ltv_customer_table_find(ptr, raw, raw.bytesize, out)
      out.read_uint64
    end

    # The id of the customer at index.
    def customer_id(index)
      id, len = Owner.out_pointer, Ltvcrm.out(:size_t)
      C.ltv_customer_table_customer_id(ptr, Ltvcrm.integer(index, "customer index", :uint64), id, len)
      id.read_pointer.read_bytes(len.read(:size_t)).force_encoding(Encoding::UTF_8)
    end

    def customer_ids = Array.new(size) { |i| customer_id(i) }

    # Segment the table as of a day (every last order must be before it); settings as for
    # Ledger#segment. With a block, yields the Segmentation and closes it.
    def segment(as_of:, config: nil, **settings, &block)
      raise ArgumentError, "give segment settings either as a SegmentConfig or as keywords, not both" if config && !settings.empty?

      own = config.nil? && !settings.empty?
      config = SegmentConfig.new(**settings) if own
      out = Owner.out_pointer
      C.ltv_segment_run_customers(out, ptr, config&.pointer, Ltvcrm.to_day(as_of))
      seg = Segmentation.new(out.read_pointer, self)
      return seg unless block

      begin
        yield seg
      ensure
        seg.close
      end
    ensure
      config.close if own && config
    end
  end
end
