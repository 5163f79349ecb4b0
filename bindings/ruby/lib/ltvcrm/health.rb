# frozen_string_literal: true

require "json"

module Ltvcrm
  Ltvcrm.bind(
    ltv_health_config_new: [[Native::P], :status], ltv_health_config_free: [[Native::P], :void],
    ltv_health_config_set_i64: [[Native::P, :int, :int64], :status],
    ltv_health_config_get_i64: [[Native::P, :int, Native::P], :status],
    ltv_health_check_run: [[Native::P, Native::P, Native::P, Native::P, :int32], :status],
    ltv_health_check_free: [[Native::P], :void], ltv_health_check_has_ranks: [[Native::P], :int],
    ltv_health_check_has_membership: [[Native::P], :int],
    ltv_health_check_overview: [[Native::P, Native::P, :size_t], :status],
    ltv_health_check_conversion: [[Native::P, :int, Native::P, :size_t], :status],
    ltv_health_check_gap_days: [[Native::P, :int, Native::P, :size_t, Native::P], :status_or_bufsize],
    ltv_health_check_gap_weeks: [[Native::P, :int, Native::P, :size_t, Native::P], :status_or_bufsize],
    ltv_health_check_tenure: [[Native::P, Native::P, :size_t], :status],
    ltv_health_check_membership: [[Native::P, Native::P, :size_t], :status],
    ltv_health_check_enrollment_days: [[Native::P, Native::P, Native::P, :size_t, Native::P], :status_or_bufsize],
    ltv_health_check_to_json: [[Native::P, :int, Native::P, Native::P], :status],
    ltv_health_label: [%i[int int], Native::P],
    ltv_health_param_info: [[:int, Native::P, Native::P], Native::P]
  )

  # Health-check settings (ltv_health_config).
  class HealthConfig
    include Owner

    PARAMS = %i[churn_short_days churn_long_days usage_low_max usage_high_min risk_period_days risk_min_at_risk].freeze

    def initialize(**settings)
      out = Owner.out_pointer
      C.ltv_health_config_new(out)
      adopt(out.read_pointer, :ltv_health_config_free)
      settings.each { |name, value| self[name] = value }
    end

    def pointer = ptr

    def []=(name, value)
      C.ltv_health_config_set_i64(ptr, HealthConfig.code(name), Ltvcrm.integer(value, name.to_s))
    end

    def [](name)
      out = Ltvcrm.out(:int64)
      C.ltv_health_config_get_i64(ptr, HealthConfig.code(name), out)
      out.read_int64
    end

    def to_h = PARAMS.to_h { |name| [name, self[name]] }

    def self.code(name)
      PARAMS.index(name.to_sym) or
        raise InvalidArgumentError, "health setting #{name.inspect} is not one of #{PARAMS.join(', ')}"
    end

    # [C name, smallest, largest] of a setting.
    def self.param_info(name)
      low, high = Ltvcrm.out(:int64), Ltvcrm.out(:int64)
      text = C.ltv_health_param_info(code(name), low, high)
      [text.read_string, low.read_int64, high.read_int64]
    end
  end

  # The C structs of health.h.
  module HealthStructs
    W = 6
    B = 5
    U = 3

    class Overview < FFI::Struct
      layout :as_of_day, :int32, :has_membership, :int32, :customers, :uint64, :orders, :uint64, :revenue, :int64,
             :gross_revenue, :int64, :items, :int64, :average_order_value, :double, :items_per_order, :double,
             :repeat_customers, :uint64, :repeat_rate, :double, :year_customers, :uint64,
             :year_repeat_customers, :uint64, :year_repeat_rate, :double, :year_orders, :uint64,
             :year_revenue, :int64
    end

    class Conversion < FFI::Struct
      layout :group, :int32, :most_common_week, :int32, :customers, :uint64, :second_customers, :uint64,
             :window_days, [:int32, W], :eligible, [:uint64, W], :converted, [:uint64, W], :rate, [:double, W],
             :median_gap_days, :double, :most_common_week_customers, :uint64
    end

    class Tenure < FFI::Struct
      layout :customers, :uint64, :average_tenure_days, :double, :bin_first_day, [:int32, B],
             :bin_last_day, [:int32, B], :bin_customers, [:uint64, B], :bin_share, [:double, B]
    end

    class Membership < FFI::Struct
      layout :members, :uint64, :visits, :uint64, :year_visits, :uint64, :continuing_members, :uint64,
             :continuing_average_ltv, :double, :churned_members, :uint64, :churned_average_ltv, :double,
             :retention_value, :double, :short_window_days, :int32, :long_window_days, :int32,
             :short_eligible, :uint64, :short_churned, :uint64, :short_churn_rate, :double,
             :long_eligible, :uint64, :long_churned, :uint64, :long_churn_rate, :double,
             :bin_first_day, [:int32, B], :bin_last_day, [:int32, B], :bin_members, [:uint64, B],
             :bin_at_risk, [:uint64, B], :bin_churned, [:uint64, B], :bin_churn_rate, [:double, B],
             :risk_period_days, :int32, :risk_peak_first_day, :int32, :risk_peak_last_day, :int32,
             :reserved, :int32, :risk_peak_at_risk, :uint64, :risk_peak_churned, :uint64,
             :risk_peak_rate, :double, :usage_low_max, :int64, :usage_high_min, :int64,
             :usage_members, :uint64, :usage_newer_members, :uint64, :band_members, [:uint64, U],
             :band_share, [:double, U], :band_average_ltv, [:double, U], :band_average_year_amount, [:double, U]
    end

    def self.to_h(struct)
      struct.members.reject { |m| m == :reserved }.to_h do |m|
        value = struct[m]
        [m, value.is_a?(FFI::Struct::InlineArray) ? value.to_a : value]
      end
    end
  end

  # The result of one health check (ltv_health_check): counts and histograms only.
  # #to_h gives the whole report as a Hash.
  class HealthCheck
    include Owner

    ALL = -2

    # A label of the report (an ltv_health_label_id value).
    def self.label(id, lang = :en) = Ltvcrm.static_label(C.ltv_health_label(id, Ltvcrm.lang(lang)), "health label #{id}")

    # @private
    def self.run(ledger, as_of_day, segmentation, config, settings)
      raise ArgumentError, "give health settings either as a HealthConfig or as keywords, not both" if config && !settings.empty?

      own = config.nil? && !settings.empty?
      config = HealthConfig.new(**settings) if own
      out = Owner.out_pointer
      C.ltv_health_check_run(out, ledger.pointer, segmentation&.pointer, config&.pointer, as_of_day)
      new(out.read_pointer)
    ensure
      config.close if own && config
    end

    def initialize(pointer)
      adopt(pointer, :ltv_health_check_free)
    end

    def ranks? = C.ltv_health_check_has_ranks(ptr) == 1
    def membership? = C.ltv_health_check_has_membership(ptr) == 1

    # The whole report as the library's JSON text.
    def to_json(lang: :en, **_unused)
      text, len = Owner.out_pointer, Ltvcrm.out(:size_t)
      C.ltv_health_check_to_json(ptr, Ltvcrm.lang(lang), text, len)
      pointer = text.read_pointer
      begin
        pointer.read_bytes(len.read(:size_t)).force_encoding(Encoding::UTF_8)
      ensure
        C.ltv_free(pointer)
      end
    end

    # The whole report as a Hash (String keys, as in the JSON).
    def to_h(lang: :en) = JSON.parse(to_json(lang: lang))

    # Sales and repeat rates; :as_of as a Date.
    def overview
      out = HealthStructs::Overview.new
      C.ltv_health_check_overview(ptr, out, HealthStructs::Overview.size)
      values = HealthStructs.to_h(out)
      values[:as_of] = Ltvcrm.from_day(values.delete(:as_of_day))
      values[:has_membership] = values[:has_membership] == 1
      values
    end

    # First → second purchase of all customers (:all) or of one value rank.
    def conversion(group = :all)
      out = HealthStructs::Conversion.new
      C.ltv_health_check_conversion(ptr, group_code(group), out, HealthStructs::Conversion.size)
      HealthStructs.to_h(out)
    end

    # Customers by days from the first to the second order: [d] for 0..365, [366] beyond.
    def gap_days(group = :all) = histogram(:ltv_health_check_gap_days, group)

    # The same by week: [w] counts gaps of 7w..7w+6 days, [52] 364 days or more.
    def gap_weeks(group = :all) = histogram(:ltv_health_check_gap_weeks, group)

    def tenure
      out = HealthStructs::Tenure.new
      C.ltv_health_check_tenure(ptr, out, HealthStructs::Tenure.size)
      HealthStructs.to_h(out)
    end

    # Membership figures; nil when the data has no visits and no cancels.
    def membership
      out = HealthStructs::Membership.new
      C.ltv_health_check_membership(ptr, out, HealthStructs::Membership.size)
      HealthStructs.to_h(out)
    rescue NotFoundError
      nil
    end

    # [at_risk, cancels] per enrollment day 0..366; nil without membership.
    def enrollment_days
      needed = Ltvcrm.out(:size_t)
      C.ltv_health_check_enrollment_days(ptr, nil, nil, 0, needed)
      n = needed.read(:size_t)
      at_risk, cancels = FFI::MemoryPointer.new(:uint64, n), FFI::MemoryPointer.new(:uint64, n)
      C.ltv_health_check_enrollment_days(ptr, at_risk, cancels, n, needed)
      [at_risk.get_array_of_uint64(0, n), cancels.get_array_of_uint64(0, n)]
    rescue NotFoundError
      nil
    end

    def inspect = closed? ? "#<Ltvcrm::HealthCheck closed>" : "#<Ltvcrm::HealthCheck as_of=#{overview[:as_of]}>"

    private

    def group_code(group) = group.to_s == "all" ? ALL : Ltvcrm.rank_code(group)

    def histogram(function, group)
      code = group_code(group)
      needed = Ltvcrm.out(:size_t)
      C.send(function, ptr, code, nil, 0, needed)
      n = needed.read(:size_t)
      buf = FFI::MemoryPointer.new(:uint64, n)
      C.send(function, ptr, code, buf, n, needed)
      buf.get_array_of_uint64(0, n)
    end
  end

  class Ledger
    # The health check as of a day (default: the day after the last event). Per-rank figures
    # come from +segmentation+, or from a default segmentation computed here when +ranks+.
    # Settings as HealthConfig keywords or +config+. With a block, yields and closes.
    def health_check(as_of: nil, segmentation: nil, ranks: true, config: nil, **settings)
      day = segmentation ? segmentation.as_of_day : as_of_day(as_of)
      hc = if segmentation.nil? && ranks
             segment(as_of: day) { |seg| HealthCheck.run(self, day, seg, config, settings) }
           else
             HealthCheck.run(self, day, segmentation, config, settings)
           end
      return hc unless block_given?

      begin
        yield hc
      ensure
        hc.close
      end
    end
  end
end
