# frozen_string_literal: true

module Ltvcrm
  # Lifecycle states in code order from 0 (ltv_state); :none is -1.
  STATES = %i[new repeat fan dormant].freeze
  # Value ranks in code order from 0 (ltv_rank); :none is -1.
  RANKS = %i[excellent semi_excellent general nurture].freeze
  # RFM metrics (ltv_rfm_metric).
  RFM_METRICS = %i[recency frequency monetary].freeze
  # How RFM scores are cut (ltv_rfm_mode).
  RFM_MODES = %i[quantile type7 fixed r_rfm pymc].freeze
  # What keeps a member active (ltv_activity).
  ACTIVITIES = { auto: -1, orders: 0, visits: 1 }.freeze
  # Which LTV the analyses use (ltv_ltv_basis).
  LTV_BASES = %i[annual lifetime].freeze
  # CPO verdicts (ltv_cpo_verdict).
  CPO_VERDICTS = %i[profitable break_even leaking].freeze
  # Per-customer flag bits (ltv_segment_flag).
  SEGMENT_FLAGS = { top_excellent: 1, high_ltv_general: 2, core: 4, alive_falling: 8 }.freeze
  # How P(alive) takes part in the lifecycle states (ltv_alive_rule).
  ALIVE_RULES = %i[off either both replace].freeze

  # :none, or the library's keyword of NONE (:no_order, :no_rank), is -1.
  def self.state_code(state)
    ["none", state_keyword(-1)].include?(state.to_s) ? -1 : code(STATES, state, "state")
  end

  def self.rank_code(rank)
    ["none", rank_keyword(-1)].include?(rank.to_s) ? -1 : code(RANKS, rank, "rank")
  end

  # The library's keyword of a state or rank: state_keyword(:none) == "no_order".
  def self.state_keyword(state)
    text(C.ltv_state_keyword(state.is_a?(Integer) ? state : state_code(state)))
  end

  def self.rank_keyword(rank)
    text(C.ltv_rank_keyword(rank.is_a?(Integer) ? rank : rank_code(rank)))
  end

  def self.static_label(ptr, what)
    raise InvalidArgumentError, "#{what} or its language is unknown" if ptr.null?

    ptr.read_string.force_encoding(Encoding::UTF_8)
  end

  # Label of a lifecycle state: state_label(:fan, :ja) == "ファン".
  def self.state_label(state, lang = :en)
    static_label(C.ltv_state_label(state_code(state), self.lang(lang)), "state #{state.inspect}")
  end

  # Label of a value rank.
  def self.rank_label(rank, lang = :en)
    static_label(C.ltv_rank_label(rank_code(rank), self.lang(lang)), "rank #{rank.inspect}")
  end

  # Label of an RFM metric.
  def self.rfm_metric_label(metric, lang = :en)
    static_label(C.ltv_rfm_metric_label(code(RFM_METRICS, metric, "metric"), self.lang(lang)), "metric #{metric.inspect}")
  end

  # A sentence a shop owner understands for a CPO verdict.
  def self.cpo_verdict_label(verdict, lang = :en)
    static_label(C.ltv_cpo_verdict_label(code(CPO_VERDICTS, verdict, "verdict"), self.lang(lang)),
                 "verdict #{verdict.inspect}")
  end

  # Names of the shipped segment tables ("default", "r-rfm", "pymc", "klaviyo", "shopify").
  def self.segment_tables
    names = []
    until (ptr = C.ltv_segment_table_name(names.size)).null?
      names << ptr.read_string.force_encoding(Encoding::UTF_8)
    end
    names
  end

  # The text of a shipped segment table.
  def self.segment_table_text(name)
    raw = name.to_s.b
    text(C.ltv_segment_table_text(raw, raw.bytesize))
  end

  # Segmentation settings (ltv_segment_config), the domain defaults until changed.
  #
  #   Ltvcrm::SegmentConfig.new(dormant_days: 90, rfm_mode: :fixed, rfm_bins: 3,
  #                             thresholds: { recency: [30, 90], frequency: [2, 5], monetary: [5000, 20_000] },
  #                             presets: [["Best", "最良", [3, 3], [3, 3], [3, 3]]])
  class SegmentConfig
    include Owner

    PARAMS = %i[dormant_days cancel_is_dormant fan_min_orders fan_min_tenure_days rfm_bins rfm_mode
                excellent_min_year_orders semi_min_year_orders top_excellent_permille high_general_percentile
                core_permille ltv_basis rfm_recency_bins rfm_frequency_bins rfm_monetary_bins activity
                alive_rule alive_threshold_permille falling_days falling_drop_permille].freeze
    ENUMS = { rfm_mode: RFM_MODES, ltv_basis: LTV_BASES, alive_rule: ALIVE_RULES }.freeze

    def initialize(**settings)
      out = Owner.out_pointer
      C.ltv_segment_config_new(out)
      adopt(out.read_pointer, :ltv_segment_config_free)
      update(**settings)
    end

    def pointer = ptr

    # Change settings by keyword, in the order given; returns self.
    def update(**settings)
      settings.each do |name, value|
        case name
        when :thresholds then value.each { |metric, values| set_thresholds(metric, values) }
        when :table then use_table(value)
        when :table_text then load_table(value)
        when :model then set_model(value)
        when :presets
          clear_presets
          value.each { |preset| preset.is_a?(Hash) ? add_preset(**preset) : add_preset(*preset) }
        else self[name] = value
        end
      end
      self
    end

    def []=(name, value)
      param = param_code(name)
      value = case value
              when true then 1
              when false then 0
              when Symbol, String
                if name.to_sym == :activity
                  ACTIVITIES.fetch(value.to_sym) { raise InvalidArgumentError, "activity #{value.inspect} is not one of #{ACTIVITIES.keys.join(', ')}" }
                else
                  Ltvcrm.code(ENUMS.fetch(name.to_sym) { [] }, value, name.to_s)
                end
              else value
              end
      C.ltv_segment_config_set_i64(ptr, param, Ltvcrm.integer(value, name.to_s))
    end

    def [](name)
      out = Ltvcrm.out(:int64)
      C.ltv_segment_config_get_i64(ptr, param_code(name), out)
      value = out.read_int64
      return ENUMS[name.to_sym][value] if ENUMS.key?(name.to_sym)
      return ACTIVITIES.key(value) if name.to_sym == :activity

      name.to_sym == :cancel_is_dormant ? value != 0 : value
    end

    # Every integer setting by name.
    def to_h = PARAMS.to_h { |name| [name, self[name]] }

    # Attach a fitted purchase model (an Ltvcrm::Fit of bgnbd, pareto or mbgnbd, its parameters
    # in +unit+) and optionally a Gamma-Gamma +spend_fit+ for the CLV (horizon and discounting
    # as Ltvcrm.predict); nil detaches. The config keeps them alive (the library borrows them).
    # Adds the p_alive and predicted_clv columns and lets alive_rule and falling_days work.
    def set_model(fit, spend_fit = nil, unit: :week, **settings)
      if fit.nil?
        C.ltv_segment_config_set_model(ptr, nil, nil, 1, nil)
        @model = nil
        return self
      end
      opts = Ltvcrm.predict_options(**settings)
      C.ltv_segment_config_set_model(ptr, fit.pointer, spend_fit&.pointer, Ltvcrm.code(TIME_UNITS, unit, "unit"), opts)
      @model = [fit, spend_fit, opts]
      self
    end

    # P(alive) per customer in ledger (or customer table) index order, from another tool,
    # instead of a model: the same columns, rule and flag (+p_alive_before+ for falling_days).
    # The config keeps copies alive; a run checks their length and range. nil detaches.
    def set_p_alive(p_alive, p_alive_before: nil, predicted_clv: nil)
      if p_alive.nil?
        C.ltv_segment_config_set_p_alive(ptr, nil, nil, nil, 0)
        @model = nil
        return self
      end
      p, n = Ltvcrm.doubles(p_alive, "p_alive")
      same_size = lambda do |values, what|
        return nil if values.nil?

        buf, size = Ltvcrm.doubles(values, what)
        raise InvalidArgumentError, "#{what} has #{size} values, not #{n}" unless size == n

        buf
      end
      before = same_size.call(p_alive_before, "p_alive_before")
      clv = same_size.call(predicted_clv, "predicted_clv")
      C.ltv_segment_config_set_p_alive(ptr, p, before, clv, n)
      @model = [p, before, clv]
      self
    end

    # P(alive) per customer read from another tool's CSV (header naming customer_id and
    # p_alive, and p_alive_before when asked for; other columns ignored) for +ledger+, then
    # attached as set_p_alive does. A bad line raises with its line and column; customers with
    # orders left out of the file raise too.
    def set_p_alive_csv(ledger, path, p_alive_before: false)
      n = ledger.size
      p = FFI::MemoryPointer.new(:double, [n, 1].max)
      before = p_alive_before ? FFI::MemoryPointer.new(:double, [n, 1].max) : nil
      C.ltv_segment_p_alive_load_csv(ledger.pointer, path.to_s, p, before, n)
      C.ltv_segment_config_set_p_alive(ptr, p, before, nil, n)
      @model = [p, before, nil]
      self
    end

    # [C name, smallest, largest] of a setting.
    def self.param_info(name)
      code = PARAMS.index(name.to_sym) or
        raise InvalidArgumentError, "segment setting #{name.inspect} is not one of #{PARAMS.join(', ')}"
      Ltvcrm.param_info(:ltv_segment_param_info, code)
    end

    # Fixed thresholds of one metric (ascending, bins - 1 of them) for rfm_mode: :fixed.
    def set_thresholds(metric, values)
      values = Ltvcrm.integers(values, "thresholds")
      buf = FFI::MemoryPointer.new(:int64, [values.size, 1].max)
      buf.write_array_of_int64(values)
      C.ltv_segment_config_set_thresholds(ptr, Ltvcrm.code(RFM_METRICS, metric, "metric"), buf, values.size)
    end

    # Remove every named RFM segment (the defaults included).
    def clear_presets = C.ltv_segment_config_clear_presets(ptr)

    # Append a named segment: customers whose scores lie in the three [min, max] ranges.
    def add_preset(name_en = nil, name_ja = nil, r = [1, 10], f = [1, 10], m = [1, 10], **keywords)
      name_en = keywords.fetch(:name_en, name_en)
      name_ja = keywords.fetch(:name_ja, name_ja) || name_en
      r, f, m = keywords.fetch(:r, r), keywords.fetch(:f, f), keywords.fetch(:m, m)
      en, ja = name_en.encode(Encoding::UTF_8).b, name_ja.encode(Encoding::UTF_8).b
      scores = { r: r, f: f, m: m }.flat_map do |metric, pair|
        [0, 1].map { |i| Ltvcrm.integer(pair[i], "#{metric}[#{i}]", :int) }
      end
      C.ltv_segment_config_add_preset(ptr, en, en.bytesize, ja, ja.bytesize, *scores)
    end

    # Replace the named segments with a shipped table (Ltvcrm.segment_tables).
    def use_table(name)
      raw = name.to_s.b
      C.ltv_segment_config_use_table(ptr, raw, raw.bytesize)
    end

    # Replace the named segments with a segment table (docs/segment-tables.md); a ParseError
    # names line and column.
    def load_table(text)
      raw = text.encode(Encoding::UTF_8).b
      C.ltv_segment_config_load_table(ptr, raw, raw.bytesize)
    end

    # As load_table, from a file.
    def load_table_file(path) = C.ltv_segment_config_load_table_file(ptr, path.to_s)

    private

    def param_code(name)
      PARAMS.index(name.to_sym) or
        raise InvalidArgumentError, "segment setting #{name.inspect} is not one of #{PARAMS.join(', ')}"
    end
  end

  # The C struct ltv_customer_segment.
  class CCustomerSegment < FFI::Struct
    layout :state, :int8, :rank, :int8, :r, :uint8, :f, :uint8, :m, :uint8, :preset, :uint8, :flags, :uint8,
           :reserved, :uint8, :recency_days, :int32, :orders, :int32, :annual_ltv, :int64, :lifetime_ltv, :int64,
           :p_alive, :double, :predicted_clv, :double, :p_alive_before, :double
  end

  # The C struct ltv_group_stats.
  class CGroupStats < FFI::Struct
    layout :customers, :uint64, :customer_share, :double, :revenue, :int64, :revenue_share, :double,
           :year_revenue, :int64, :orders, :uint64, :year_orders, :uint64, :average_ltv, :double,
           :active_years, :double, :orders_per_year, :double, :average_order_value, :double
  end

  # The C struct ltv_ltv_summary.
  class CLtvSummary < FFI::Struct
    layout :basis, :int32, :reserved, :int32, :customers, :uint64, :average_ltv, :double, :core_customers, :uint64,
           :core_threshold, :int64, :core_revenue_share, :double, :continuing_customers, :uint64,
           :continuing_average_ltv, :double, :churned_customers, :uint64, :churned_average_ltv, :double,
           :retention_value, :double, :top_excellent_customers, :uint64, :top_excellent_threshold, :int64,
           :high_ltv_general_customers, :uint64, :high_ltv_general_threshold, :int64
  end

  # One customer's segment; state and rank are Symbols (:none without orders), flags a list of
  # Symbols of SEGMENT_FLAGS.
  CustomerSegment = Struct.new(:index, :state, :rank, :r, :f, :m, :preset, :flags, :recency_days, :orders,
                               :annual_ltv, :lifetime_ltv, :p_alive, :predicted_clv, :p_alive_before)

  # The result of segmenting a ledger as of a day (ltv_segmentation).
  #
  # Per-customer columns (#column, or #state, #rank, #r, #f, #m, #preset, #flags,
  # #recency_days, #orders, #annual_ltv, #lifetime_ltv) are Arrays of Integers in ledger index
  # order. The ledger must not change while the result is used: lookups by id then raise
  # StateError.
  class Segmentation
    include Owner

    COLUMNS = { state: [0, :int8], rank: [1, :int8], r: [2, :uint8], f: [3, :uint8], m: [4, :uint8],
                preset: [5, :uint8], flags: [6, :uint8], recency_days: [7, :int32], orders: [8, :int32],
                annual_ltv: [9, :int64], lifetime_ltv: [10, :int64], segment: [11, :uint8], p_alive: [12, :double],
                predicted_clv: [13, :double], p_alive_before: [14, :double] }.freeze
    # Columns a run has only with a model (SegmentConfig#set_model; p_alive_before with falling_days).
    PREDICTED = COLUMNS.select { |_, (code, _)| code >= COLUMNS[:p_alive][0] }.keys.freeze

    attr_reader :ledger

    # @private
    def self.run(ledger, as_of_day, config, settings)
      with_config(config, settings) do |cfg|
        out = Owner.out_pointer
        C.ltv_segment_run(out, ledger.pointer, cfg, as_of_day)
        new(out.read_pointer, ledger)
      end
    end

    # @private The config's pointer (or one made from keyword settings for the block, not
    # both; nil for the defaults) given to the block.
    def self.with_config(config, settings)
      raise ArgumentError, "give segment settings either as a SegmentConfig or as keywords, not both" if config && !settings.empty?

      own = config.nil? && !settings.empty?
      config = SegmentConfig.new(**settings) if own
      yield config&.pointer
    ensure
      config.close if own && config
    end

    # The handle, for the other classes of the gem.
    def pointer = ptr

    def initialize(pointer, ledger)
      adopt(pointer, :ltv_segmentation_free)
      @ledger = ledger # the C result refers to it: keep it alive
      @ledger_version = ledger.version
    end

    def size = C.ltv_segmentation_customer_count(ptr)
    alias length size

    # The as-of day as a day number, and as a Date.
    def as_of_day = C.ltv_segmentation_as_of(ptr)
    def as_of = Ltvcrm.from_day(as_of_day)

    # One customer's segment, by ledger index or id.
    def customer(customer)
      return find(customer) if customer.is_a?(String)

      index = customer.is_a?(Customer) ? customer.index : Ltvcrm.integer(customer, "customer index", :uint64)
      out = CCustomerSegment.new
      C.ltv_segmentation_customer(ptr, index, out, CCustomerSegment.size)
      segment(index, out)
    end

    # One customer's segment by id; NotFoundError for an unknown id.
    def find(customer_id)
      if @ledger.closed? || @ledger.version != @ledger_version
        raise StateError, "the ledger changed or was closed after this segmentation; segment it again"
      end

      raw = Ltvcrm.encode_id(customer_id)
      out = CCustomerSegment.new
      C.ltv_segmentation_find(ptr, raw, raw.bytesize, out, CCustomerSegment.size)
      segment(@ledger.find(customer_id), out)
    end

    # A per-customer column by name, as an Array of Integers (one read of the library's column).
    def column(name)
      Ltvcrm.read_column(COLUMNS, name) { |code, data, len| C.ltv_segmentation_column(ptr, code, data, len) }
    end

    COLUMNS.each_key { |name| define_method(name) { column(name) } }

    # Every column by name.
    def columns
      COLUMNS.each_key.with_object({}) do |name, out|
        out[name] = column(name)
      rescue StateError
        raise unless PREDICTED.include?(name)
      end
    end

    # Per-customer labels of :state, :rank or :preset in a language.
    def labels(column = :state, lang: :en)
      case column.to_sym
      when :state then names, offset = [:none, *STATES].map { |s| Ltvcrm.state_label(s, lang) }, 1
      when :rank then names, offset = [:none, *RANKS].map { |r| Ltvcrm.rank_label(r, lang) }, 1
      when :preset then names, offset = preset_names(lang), 0
      when :segment then names, offset = segment_names(lang), 0
      else raise InvalidArgumentError, "labels exist for state, rank, segment and preset, not #{column.inspect}"
      end
      column(column).map { |c| names[c + offset] }
    end

    # Totals of one state as a Hash, or of every state: { new: {...}, repeat: {...}, ... }.
    def state_stats(state = nil)
      return STATES.to_h { |s| [s, state_stats(s)] } if state.nil?

      group_stats(:ltv_segmentation_state_stats, Ltvcrm.state_code(state))
    end

    # Totals of one value rank as a Hash, or of every rank: { excellent: {...}, ... }.
    def rank_stats(rank = nil)
      return RANKS.to_h { |r| [r, rank_stats(r)] } if rank.nil?

      group_stats(:ltv_segmentation_rank_stats, Ltvcrm.rank_code(rank))
    end

    # The cut points of one RFM metric (bins - 1, ascending).
    def thresholds(metric) = sized(:ltv_segmentation_thresholds, :double, metric)

    # How many customers got each score of a metric: element 0 for score 1.
    def score_counts(metric) = sized(:ltv_segmentation_score_counts, :uint64, metric)

    # Names of the table's entries, "Other" last (index = the preset column). Entries may share
    # a name (several score boxes or codes of one segment): see segment_names.
    def preset_names(lang = :en)
      code = Ltvcrm.lang(lang)
      Array.new(C.ltv_segmentation_preset_count(ptr) + 1) do |i|
        Ltvcrm.text(C.ltv_segmentation_preset_name(ptr, i, code))
      end
    end

    # Names of the named RFM segments, each once, the catch-all ("Other") last (index = the
    # segment column).
    def segment_names(lang = :en)
      code = Ltvcrm.lang(lang)
      Array.new(C.ltv_segmentation_segment_count(ptr) + 1) do |i|
        Ltvcrm.text(C.ltv_segmentation_segment_name(ptr, i, code))
      end
    end

    # Customers per named RFM segment (over all its entries), the catch-all last.
    def segment_customers(lang = :en)
      segment_names(lang).each_with_index.to_h { |name, i| [name, C.ltv_segmentation_segment_customers(ptr, i)] }
    end

    # Customers per named RFM segment, "Other" last: the same as segment_customers (entries
    # that share a name are added up, none is lost).
    def preset_customers(lang = :en) = segment_customers(lang)

    # The LTV analysis: average, core, continuing vs churned, highlighted groups.
    def ltv_summary
      out = CLtvSummary.new
      C.ltv_segmentation_ltv_summary(ptr, out, CLtvSummary.size)
      values = out.members.reject { |m| m == :reserved }.to_h { |m| [m, out[m]] }
      values[:basis] = LTV_BASES[values[:basis]]
      values
    end

    # Compare a cost per order with the average LTV: [verdict Symbol, LTV / CPO].
    def cpo_verdict(cpo)
      verdict, ratio = Ltvcrm.out(:int), Ltvcrm.out(:double)
      C.ltv_segmentation_cpo_verdict(ptr, Ltvcrm.integer(cpo, "cpo"), verdict, ratio)
      [CPO_VERDICTS[verdict.read_int], ratio.read_double]
    end

    def inspect
      return "#<Ltvcrm::Segmentation closed>" if closed?

      "#<Ltvcrm::Segmentation customers=#{size} as_of=#{as_of}>"
    end

    private

    def segment(index, out)
      flags = SEGMENT_FLAGS.select { |_, bit| out[:flags].anybits?(bit) }.keys
      CustomerSegment.new(index, out[:state].negative? ? :none : STATES[out[:state]],
                          out[:rank].negative? ? :none : RANKS[out[:rank]], out[:r], out[:f], out[:m], out[:preset],
                          flags, out[:recency_days], out[:orders], out[:annual_ltv], out[:lifetime_ltv],
                          out[:p_alive], out[:predicted_clv], out[:p_alive_before])
    end

    def group_stats(function, code)
      out = CGroupStats.new
      C.send(function, ptr, code, out, CGroupStats.size)
      out.members.to_h { |m| [m, out[m]] }
    end

    def sized(function, type, metric)
      code = Ltvcrm.code(RFM_METRICS, metric, "metric")
      needed = Ltvcrm.out(:size_t)
      C.send(function, ptr, code, nil, 0, needed)
      n = needed.read(:size_t)
      return [] if n.zero?

      buf = FFI::MemoryPointer.new(type, n)
      C.send(function, ptr, code, buf, n, needed)
      buf.send("get_array_of_#{type}", 0, n)
    end
  end
end
