# frozen_string_literal: true

module Ltvcrm
  # The columns the loader knows, in code order (ltv_csv_column).
  CSV_COLUMNS = %i[customer_id order_date amount items kind order_id order_total status refund_amount shipping
                   discount email orders recency_days last_order_date revenue].freeze
  # What an order status means, in code order (ltv_csv_status_rule).
  STATUS_RULES = %i[counted excluded refunded partly_refunded].freeze
  # Rows without a customer key, in code order (ltv_csv_guests).
  GUESTS = %i[as_ids no_customer by_email].freeze
  # Why a row was rejected, in code order from 1 (ltv_row_error).
  ROW_ERRORS = %i[field_count empty_id id_too_long bad_date bad_amount bad_items bad_kind bad_quote
                  out_of_range bad_status order_conflict nul_byte bad_order empty_order_id
                  duplicate_id bad_count].freeze

  # One rejected row: 1-based line, 1-based field (0 for the whole row), reason, message.
  RowError = Struct.new(:line, :column, :reason, :message)

  # What one load read: row counts (read = taken + excluded + rejected) and the kept bad rows;
  # +excluded+ maps each status value whose orders were excluded to its rows, +rejected_for+
  # each reason with rejected rows to their count; +orders+ and +order_lines+ are the orders
  # formed and the lines they came from; +no_customer_*+ what had no customer.
  LoadReport = Struct.new(:rows_read, :rows_taken, :rows_rejected, :blank_lines, :bytes, :errors, :rows_excluded,
                          :excluded, :rejected_for, :orders, :order_lines, :no_customer_rows,
                          :no_customer_orders, :no_customer_amount, keyword_init: true) do
    # True when no row was rejected.
    def ok? = rows_rejected.zero?
  end

  # Loader settings (ltv_csv_options).
  #
  #   Ltvcrm::CsvOptions.new(decimals: 0, columns: { customer_id: "会員ID" }, delimiter: ";",
  #                          max_errors: 10, strict: false, progress: ->(done, total) { true })
  #
  # +progress+ is called about every 16 MiB; returning false cancels the load (StateError).
  # +encoding+: the file's encoding, "utf-8" (default; a UTF-16 file with a byte order mark is
  # read as such), "cp932" ("shift_jis"), "euc-jp", "utf-16". +timezone+: the shop's time zone
  # (IANA name, "Asia/Tokyo"): a time with an offset is converted to it to find the order's
  # day, one without is shop-local (see Timezone).
  #
  # Shop exports (docs/orders-from-lines.md): map columns order_id, order_total, status,
  # refund_amount, shipping, discount, email; +statuses+ says what status values mean
  # ({ "発送済み" => :counted, "test" => :excluded }); +guests+ is :as_ids (default, as 1.0),
  # :no_customer or :by_email; +no_customer_ids+ replaces the placeholder ids; +occasions+
  # makes a customer's same-day orders one; +checks+ fails a load that takes no order or
  # rejects more than +max_rejected_bp+ basis points of its rows (ValidationError).
  class CsvOptions
    include Owner

    PARAMS = { decimals: 0, max_errors: 1, delimiter: 2, strict: 3, guests: 4, occasions: 5, checks: 6,
               max_rejected_bp: 7, max_record: 8, status_builtin: 9 }.freeze

    attr_accessor :progress

    def initialize(decimals: nil, columns: nil, delimiter: nil, max_errors: nil, strict: nil, progress: nil,
                   encoding: nil, timezone: nil, statuses: nil, status_builtin: nil, guests: nil,
                   no_customer_ids: nil, occasions: nil, checks: nil, max_rejected_bp: nil, max_record: nil,
                   preset: nil)
      out = Owner.out_pointer
      C.ltv_csv_options_new(out)
      adopt(out.read_pointer, :ltv_csv_options_free)
      @progress = progress
      self.preset = preset unless preset.nil? # first: the other keywords override it
      { decimals: decimals, max_errors: max_errors, strict: strict, delimiter: delimiter, guests: guests,
        occasions: occasions, checks: checks, max_rejected_bp: max_rejected_bp, max_record: max_record,
        status_builtin: status_builtin }.each { |name, value| self[name] = value unless value.nil? }
      (columns || {}).each { |column, name| set_column(column, name) }
      self.encoding = encoding unless encoding.nil?
      self.timezone = timezone unless timezone.nil?
      (statuses || {}).each { |value, rule| map_status(value, rule) }
      self.no_customer_ids = no_customer_ids unless no_customer_ids.nil?
    end

    # Apply a platform preset (Ltvcrm.presets): the settings that read that platform's export as
    # downloaded; settings made afterwards override it. InvalidArgumentError if unknown.
    def preset=(name)
      C.ltv_csv_options_preset(ptr, name.to_s)
    end

    # The input's encoding (nil: the default, UTF-8); InvalidArgumentError if unknown.
    def encoding=(name)
      C.ltv_csv_options_set_encoding(ptr, name&.to_s)
    end

    # The shop's time zone by IANA name or Timezone (nil: dates as written); NotFoundError if unknown.
    def timezone=(zone)
      C.ltv_csv_options_set_timezone(ptr, zone.is_a?(Timezone) ? zone.name : zone&.to_s)
    end

    # Say what status +value+ means: a Symbol of STATUS_RULES or its code.
    def map_status(value, rule)
      raw = value.to_s.encode(Encoding::UTF_8).b
      C.ltv_csv_options_map_status(ptr, raw, raw.bytesize, Ltvcrm.code(STATUS_RULES, rule, "status rule"))
      nil
    end

    # Replace the placeholder ids that mean "no customer" (an empty id always does).
    def no_customer_ids=(ids)
      C.ltv_csv_options_clear_no_customer_ids(ptr)
      ids.each do |text|
        raw = text.to_s.encode(Encoding::UTF_8).b
        C.ltv_csv_options_add_no_customer_id(ptr, raw, raw.bytesize)
      end
    end

    # What status +value+ means under these options (a Symbol), or nil if it is not mapped.
    def status_rule(value) = Ltvcrm.status_rule_of(value, self)

    def pointer = ptr

    # Find +column+ (a Symbol of CSV_COLUMNS or its code) under header +name+.
    def set_column(column, name)
      raw = name.to_s.encode(Encoding::UTF_8).b
      C.ltv_csv_options_set_column(ptr, Ltvcrm.code(CSV_COLUMNS, column, "CSV column"), raw, raw.bytesize)
    end

    def []=(name, value)
      param = PARAMS.fetch(name.to_sym) { raise InvalidArgumentError, "CSV option #{name.inspect} is not one of #{PARAMS.keys.join(', ')}" }
      value = Ltvcrm.code(GUESTS, value, "guests") if name.to_sym == :guests
      value = case value
              when true then 1
              when false then 0
              when String
                raise InvalidArgumentError, "delimiter #{value.inspect} is not one character" unless value.bytesize == 1

                value.ord
              else value
              end
      C.ltv_csv_options_set_i64(ptr, param, Ltvcrm.integer(value, name.to_s))
    end

    # [C name, smallest, largest] of a setting.
    def self.param_info(name)
      code = PARAMS.fetch(name.to_sym) do
        raise InvalidArgumentError, "CSV option #{name.inspect} is not one of #{PARAMS.keys.join(', ')}"
      end
      Ltvcrm.param_info(:ltv_csv_param_info, code)
    end

    def [](name)
      param = PARAMS.fetch(name.to_sym) { raise KeyError, name.to_s }
      out = Ltvcrm.out(:int64)
      C.ltv_csv_options_get_i64(ptr, param, out)
      value = out.read_int64
      case name.to_sym
      when :delimiter then value.chr
      when :guests then GUESTS[value]
      when :strict, :occasions, :checks, :status_builtin then value != 0
      else value
      end
    end
  end

  # What a status value means: the options' mapping, then the built-in vocabulary of Shopify,
  # WooCommerce, EC-CUBE, Rakuten and Amazon words; a Symbol of STATUS_RULES, or nil.
  def self.status_rule_of(value, options = nil)
    raw = value.to_s.encode(Encoding::UTF_8).b
    out = out(:int)
    C.ltv_csv_status_rule_of(options&.pointer, raw, raw.bytesize, out)
    STATUS_RULES[out.read_int]
  rescue NotFoundError
    nil
  end

  # One load: options, the progress callback, the report copied out and freed.
  module CsvLoad
    module_function

    def report_from(pointer)
      errors = Array.new(C.ltv_load_report_error_count(pointer)) do |i|
        line, column, reason, message = Ltvcrm.out(:uint64), Ltvcrm.out(:uint32), Ltvcrm.out(:int), Owner.out_pointer
        C.ltv_load_report_error(pointer, i, line, column, reason, message)
        code = reason.read_int
        RowError.new(line.read_uint64, column.read_uint32, ROW_ERRORS[code - 1] || code,
                     Ltvcrm.text(message.read_pointer))
      end
      excluded = Array.new(C.ltv_load_report_exclusion_count(pointer)) do |i|
        value, rows = Owner.out_pointer, Ltvcrm.out(:uint64)
        C.ltv_load_report_exclusion(pointer, i, value, rows)
        [Ltvcrm.text(value.read_pointer), rows.read_uint64]
      end.to_h
      rejected_for = ROW_ERRORS.each_with_index.to_h { |name, i| [name, C.ltv_load_report_rows_rejected_for(pointer, i + 1)] }
                               .reject { |_, count| count.zero? }
      orders, lines, guest_orders, guest_amount = Ltvcrm.out(:uint64), Ltvcrm.out(:uint64), Ltvcrm.out(:uint64),
                                                  Ltvcrm.out(:int64)
      C.ltv_load_report_orders(pointer, orders, lines)
      C.ltv_load_report_no_customer(pointer, guest_orders, guest_amount)
      LoadReport.new(rows_read: C.ltv_load_report_rows_read(pointer), rows_taken: C.ltv_load_report_rows_taken(pointer),
                     rows_rejected: C.ltv_load_report_rows_rejected(pointer),
                     blank_lines: C.ltv_load_report_blank_lines(pointer), bytes: C.ltv_load_report_bytes(pointer),
                     errors: errors, rows_excluded: C.ltv_load_report_rows_excluded(pointer), excluded: excluded,
                     rejected_for: rejected_for, orders: orders.read_uint64, order_lines: lines.read_uint64,
                     no_customer_rows: C.ltv_load_report_rows_no_customer(pointer),
                     no_customer_orders: guest_orders.read_uint64, no_customer_amount: guest_amount.read_int64)
    end

    def run(ledger, path, data, options, settings, customer_table: false)
      raise ArgumentError, "give CSV settings either as an options object or as keywords, not both" if options && !settings.empty?

      own = options.nil?
      options = CsvOptions.new(**settings) if own
      failure = nil
      if options.progress
        user = options.progress
        callback = proc do |_user_data, done, total|
          user.call(done, total) == false ? 1 : 0
        rescue Exception => e # rubocop:disable Lint/RescueException -- carried across the C frames
          failure = e
          1
        end
        C.ltv_csv_options_set_progress(options.pointer, callback, nil)
      end
      report_ptr = Owner.out_pointer
      failed = nil
      begin
        if customer_table
          C.ltv_customer_table_load_csv(ledger.pointer, path, options.pointer, report_ptr)
        elsif path
          C.ltv_ledger_load_csv(ledger.pointer, path, options.pointer, report_ptr)
        else
          C.ltv_ledger_load_csv_buffer(ledger.pointer, data, data.bytesize, options.pointer, report_ptr)
        end
      rescue Error => e
        failed = e
      end
      report_handle = report_ptr.read_pointer
      report = report_handle.null? ? nil : report_from(report_handle)
      C.ltv_load_report_free(report_handle)
      if failed
        failed.report = report
        raise failure if failure

        raise failed
      end
      report
    ensure
      C.ltv_csv_options_set_progress(options.pointer, nil, nil) if callback && !options.closed?
      options.close if own && options
    end
  end
end
