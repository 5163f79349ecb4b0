# frozen_string_literal: true

module Ltvcrm
  Ltvcrm.bind(
    ltv_predict_data_from_ledger: [[Native::P, Native::P, :int, :int32, :int32], :status],
    ltv_predict_data_from_summary: [[Native::P, :size_t, Native::P, Native::P, Native::P, Native::P, Native::P, :double], :status],
    ltv_predict_data_free: [[Native::P], :void],
    ltv_predict_data_info_get: [[Native::P, Native::P, :size_t], :status],
    ltv_predict_fit_new: [[Native::P, Native::P, :int], :status],
    ltv_predict_fit_from_params: [[Native::P, :int, Native::P, :size_t], :status],
    ltv_predict_fit_free: [[Native::P], :void],
    ltv_predict_fit_info_get: [[Native::P, Native::P, :size_t], :status],
    ltv_predict_log_likelihood: [[Native::P, Native::P, Native::P], :status],
    ltv_predict_p_alive: [[Native::P, :double, :double, :double, Native::P], :status],
    ltv_predict_expected: [[Native::P, :double, :double, :double, :double, Native::P], :status],
    ltv_predict_population: [[Native::P, :double, Native::P], :status],
    ltv_predict_pmf: [[Native::P, :double, :double, :double, :double, Native::P, :size_t], :status],
    ltv_predict_spend: [[Native::P, :double, :double, Native::P], :status],
    ltv_predict_options_new: [[Native::P], :status],
    ltv_predict_options_free: [[Native::P], :void],
    ltv_predict_options_set: [[Native::P, :int, :double], :status],
    ltv_predict_run: [[Native::P, Native::P, Native::P, Native::P, Native::P], :status],
    ltv_prediction_free: [[Native::P], :void],
    ltv_prediction_count: [[Native::P], :uint64],
    ltv_prediction_column: [[Native::P, :int, Native::P, Native::P], :status],
    ltv_predict_diagnostics: [[Native::P, Native::P, :int, :int, :int, Native::P, Native::P], :status],
    ltv_predict_diagnostics_values: [[Native::P, Native::P, :int, :int, Native::P, Native::P, Native::P], :status],
    ltv_predict_param_name: [[:int, :int], :pointer],
    ltv_predict_model_name: [[:int], :pointer]
  )

  # Time units (ltv_time_unit), models (ltv_predict_model), discounting (ltv_discount_mode).
  TIME_UNITS = %i[day week month].freeze
  PREDICT_MODELS = %i[bgnbd pareto_nbd mbgnbd gamma_gamma].freeze
  DISCOUNT_MODES = %i[discrete continuous].freeze
  PREDICT_OPTIONS = { horizon: 0, discount_mode: 1, discount_rate: 2, discount_period: 3, columns: 4 }.freeze

  # The C struct ltv_predict_data_info.
  class CPredictDataInfo < FFI::Struct
    layout :customers, :uint64, :repeaters, :uint64, :spend_customers, :uint64, :after_calibration, :uint64,
           :tuples, :uint64, :repeat_transactions, :double, :holdout_transactions, :double,
           :holdout_length, :double, :unit, :int32, :calibration_end, :int32, :holdout_end, :int32,
           :first_day, :int32
  end

  # The C struct ltv_predict_fit_info.
  class CPredictFitInfo < FFI::Struct
    layout :model, :int32, :param_count, :int32, :params, [:double, 4], :std_errors, [:double, 4],
           :log_likelihood, :double, :aic, :double, :observations, :double, :iterations, :int32,
           :std_errors_valid, :int32
  end

  # Settings of ltv_predict_run as an FFI::AutoPointer (freed when collected or with #free),
  # for Prediction.run and SegmentConfig#set_model. columns: names of Prediction::COLUMNS to
  # compute (LTV_PREDICT_COLUMNS; the others are not allocated), or nil for all.
  def self.predict_options(horizon: nil, discount: 0.0, discount_mode: :discrete, discount_period: nil, columns: nil)
    out = Owner.out_pointer
    C.ltv_predict_options_new(out)
    opts = FFI::AutoPointer.new(out.read_pointer, Native.method(:ltv_predict_options_free))
    C.ltv_predict_options_set(opts, PREDICT_OPTIONS[:discount_mode],
                              Float(code(DISCOUNT_MODES, discount_mode, "discount mode")))
    C.ltv_predict_options_set(opts, PREDICT_OPTIONS[:discount_rate], Float(discount))
    C.ltv_predict_options_set(opts, PREDICT_OPTIONS[:horizon], Float(horizon)) if horizon
    C.ltv_predict_options_set(opts, PREDICT_OPTIONS[:discount_period], Float(discount_period)) if discount_period
    C.ltv_predict_options_set(opts, PREDICT_OPTIONS[:columns], Float(column_mask(columns))) if columns
    opts
  end

  def self.column_mask(names)
    names.map(&:to_sym).uniq.sum do |name|
      entry = Prediction::COLUMNS[name]
      raise InvalidArgumentError, "column #{name.inspect} is not one of #{Prediction::COLUMNS.keys.join(', ')}" unless entry

      1 << entry[0]
    end
  end

  def self.predict_model(value)
    value = :pareto_nbd if value.to_s == "pareto"
    value = :gamma_gamma if value.to_s == "gammagamma"
    code(PREDICT_MODELS, value, "model")
  end

  def self.doubles(values, what)
    values = values.to_a
    buf = FFI::MemoryPointer.new(:double, [values.size, 1].max)
    buf.put_array_of_double(0, values.map { |v| Float(v) })
    [buf, values.size]
  rescue ArgumentError, TypeError
    raise InvalidArgumentError, "#{what} must hold numbers"
  end

  # Sufficient statistics of a customer base (ltv_predict_data).
  class PredictData
    include Owner

    attr_reader :ledger

    # Statistics of a ledger: calibration up to and including +calibration_end+, optional holdout.
    def self.from_ledger(ledger, calibration_end, holdout_end: nil, unit: :week)
      out = Owner.out_pointer
      hold = holdout_end.nil? ? NO_DAY : Ltvcrm.to_day(holdout_end)
      C.ltv_predict_data_from_ledger(out, ledger.pointer, Ltvcrm.code(TIME_UNITS, unit, "unit"),
                                     Ltvcrm.to_day(calibration_end), hold)
      new(out.read_pointer, ledger)
    end

    # Statistics given per customer (lifetimes' summary table: frequency, recency, T).
    def self.from_summary(x, t_x, t_cal, mean_spend: nil, holdout_x: nil, holdout_length: 0.0)
      px, n = Ltvcrm.doubles(x, "x")
      ptx, = Ltvcrm.doubles(t_x, "t_x")
      pt, = Ltvcrm.doubles(t_cal, "T")
      raise InvalidArgumentError, "x, t_x and T must have the same length" unless [t_x.to_a.size, t_cal.to_a.size].all?(n)

      pm = mean_spend && Ltvcrm.doubles(mean_spend, "mean_spend").first
      ph = holdout_x && Ltvcrm.doubles(holdout_x, "holdout_x").first
      out = Owner.out_pointer
      C.ltv_predict_data_from_summary(out, n, px, ptx, pt, pm, ph, Float(holdout_length))
      new(out.read_pointer, nil)
    end

    def initialize(pointer, ledger)
      adopt(pointer, :ltv_predict_data_free)
      @ledger = ledger # ledger data borrow it
    end

    def pointer = ptr

    # customers, repeaters, spend_customers, ... as a Hash.
    def info
      out = CPredictDataInfo.new
      C.ltv_predict_data_info_get(ptr, out, CPredictDataInfo.size)
      CPredictDataInfo.members.to_h { |m| [m, out[m]] }
    end
  end

  # A fitted (or given) model (ltv_predict_fit).
  class Fit
    include Owner

    def self.from_params(model, params)
      buf, n = Ltvcrm.doubles(params, "params")
      out = Owner.out_pointer
      C.ltv_predict_fit_from_params(out, Ltvcrm.predict_model(model), buf, n)
      allocate.tap { |fit| fit.send(:adopt, out.read_pointer, :ltv_predict_fit_free) }
    end

    def initialize(data, model = :bgnbd)
      out = Owner.out_pointer
      C.ltv_predict_fit_new(out, data.pointer, Ltvcrm.predict_model(model))
      adopt(out.read_pointer, :ltv_predict_fit_free)
    end

    def pointer = ptr

    def info
      out = CPredictFitInfo.new
      C.ltv_predict_fit_info_get(ptr, out, CPredictFitInfo.size)
      out
    end

    def model = PREDICT_MODELS[info[:model]]

    # Parameters by name.
    def params
      i = info
      (0...i[:param_count]).to_h { |k| [C.ltv_predict_param_name(i[:model], k).read_string.to_sym, i[:params][k]] }
    end

    # Standard errors by name, or nil when the Hessian was not negative definite.
    def std_errors
      i = info
      return nil if i[:std_errors_valid].zero?

      (0...i[:param_count]).to_h { |k| [C.ltv_predict_param_name(i[:model], k).read_string.to_sym, i[:std_errors][k]] }
    end

    def log_likelihood = info[:log_likelihood]
    def aic = info[:aic]

    def p_alive(x, t_x, t_cal) = double_out { |o| C.ltv_predict_p_alive(ptr, x, t_x, t_cal, o) }
    def expected(x, t_x, t_cal, t) = double_out { |o| C.ltv_predict_expected(ptr, x, t_x, t_cal, t, o) }
    def population(t) = double_out { |o| C.ltv_predict_population(ptr, t, o) }
    def spend(x, mean_spend) = double_out { |o| C.ltv_predict_spend(ptr, x, mean_spend, o) }
    def log_likelihood_on(data) = double_out { |o| C.ltv_predict_log_likelihood(ptr, data.pointer, o) }

    # P(Y(t) = n | x, t_x, T) for n = 0 .. count - 1.
    def pmf(x, t_x, t_cal, t, count)
      buf = FFI::MemoryPointer.new(:double, [count, 1].max)
      C.ltv_predict_pmf(ptr, x, t_x, t_cal, t, buf, count)
      buf.get_array_of_double(0, count)
    end

    # A diagnostic table as text: kind :bins or :tracking, format :csv or :json.
    def diagnostics(data, kind = :bins, bins: 8, format: :csv)
      text, len = Owner.out_pointer, Ltvcrm.out(:size_t)
      C.ltv_predict_diagnostics(ptr, data.pointer, Ltvcrm.code(%i[bins tracking], kind, "kind"), bins,
                                Ltvcrm.code(%i[csv json], format, "format"), text, len)
      begin
        text.read_pointer.read_bytes(len.read(:size_t)).force_encoding(Encoding::UTF_8)
      ensure
        Native.ltv_free(text.read_pointer)
      end
    end

    # The same table as numbers: an Array of rows (Arrays of Floats); the first column is the
    # bin's x or the period's last day number.
    def diagnostics_values(data, kind = :bins, bins: 8)
      values, rows, cols = Owner.out_pointer, Ltvcrm.out(:size_t), Ltvcrm.out(:size_t)
      C.ltv_predict_diagnostics_values(ptr, data.pointer, Ltvcrm.code(%i[bins tracking], kind, "kind"), bins,
                                       values, rows, cols)
      begin
        n, width = rows.read(:size_t), cols.read(:size_t)
        flat = n.zero? ? [] : values.read_pointer.read_array_of_double(n * width)
        flat.each_slice(width).to_a
      ensure
        Native.ltv_free(values.read_pointer)
      end
    end

    private

    def double_out
      out = FFI::MemoryPointer.new(:double)
      yield out
      out.read(:double)
    end
  end

  # Per-customer predictions (ltv_prediction): columns as Arrays.
  class Prediction
    include Owner

    COLUMNS = { in_calibration: [0, :uint8], x: [1, :double], t_x: [2, :double], T: [3, :double],
                mean_spend: [4, :double], holdout_x: [5, :double], p_alive: [6, :double], expected: [7, :double],
                p_none: [8, :double], expected_spend: [9, :double], discounted: [10, :double], clv: [11, :double],
                next_order_day: [12, :int32], holdout_expected: [13, :double] }.freeze

    # ltv_predict_run with keyword settings (see docs/predict.md).
    def self.run(fit, data, spend_fit: nil, horizon: nil, discount: 0.0, discount_mode: :discrete,
                 discount_period: nil, columns: nil)
      opts = Ltvcrm.predict_options(horizon: horizon, discount: discount, discount_mode: discount_mode,
                                    discount_period: discount_period, columns: columns)
      out = Owner.out_pointer
      C.ltv_predict_run(out, fit.pointer, spend_fit&.pointer, data.pointer, opts)
      new(out.read_pointer, data)
    ensure
      opts&.free
    end

    def initialize(pointer, data)
      adopt(pointer, :ltv_prediction_free)
      @data = data # the rows are the data's (and its ledger's)
    end

    def size = C.ltv_prediction_count(ptr)
    alias length size

    def column(name)
      Ltvcrm.read_column(COLUMNS, name) { |code, data, len| C.ltv_prediction_column(ptr, code, data, len) }
    end

    COLUMNS.each_key { |name| define_method(name) { column(name) } }

    # The columns computed (all, unless Prediction.run was given columns:).
    def columns
      COLUMNS.keys.each_with_object({}) do |name, out|
        out[name] = column(name)
      rescue StateError # left out by columns:
        next
      end
    end
  end

  # Per-customer predictions; see Prediction.run.
  def self.predict(fit, data, **settings) = Prediction.run(fit, data, **settings)
end
