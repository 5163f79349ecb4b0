# frozen_string_literal: true

module Ltvcrm
  Ltvcrm.bind(
    ltv_report_options_new: [[Native::P], :status], ltv_report_options_free: [[Native::P], :void],
    ltv_report_options_set_i64: [[Native::P, :int, :int64], :status],
    ltv_report_options_get_i64: [[Native::P, :int, Native::P], :status],
    ltv_report_options_set_segment_config: [[Native::P, Native::P], :status],
    ltv_report_options_set_health_config: [[Native::P, Native::P], :status],
    ltv_report_options_set_answers: [[Native::P, Native::P, :size_t], :status],
    ltv_report_options_set_planner: [[Native::P, Native::P], :status],
    ltv_report_options_set_matrix: [[Native::P, Native::P], :status],
    ltv_report_options_set_title: [[Native::P, Native::P, :size_t], :status],
    ltv_report_html: [[Native::P, Native::P, Native::P, Native::P, :int32], :status],
    ltv_report_html_file: [[:string, Native::P, Native::P, :int32], :status],
    ltv_report_param_info: [[:int, Native::P, Native::P], Native::P]
  )

  # Settings of the HTML report (ltv_report_options). The segmentation and health settings,
  # the planner and the matrix are borrowed by the C object: this object keeps them alive.
  class ReportOptions
    include Owner

    PARAMS = %i[lang decimals generated_day cpo calibration_end holdout_end model].freeze

    def initialize(lang: :en, decimals: 2, cpo: nil, generated: nil, title: nil, answers: nil,
                   segment_config: nil, health_config: nil, planner: nil, matrix: nil,
                   calibration_end: nil, holdout_end: nil, model: nil)
      out = Owner.out_pointer
      C.ltv_report_options_new(out)
      adopt(out.read_pointer, :ltv_report_options_free)
      @borrowed = {}
      set(:lang, Ltvcrm.lang(lang))
      set(:decimals, Ltvcrm.integer(decimals, "decimals"))
      set(:cpo, Ltvcrm.integer(cpo, "cpo")) unless cpo.nil?
      set(:generated_day, Ltvcrm.to_day(generated)) unless generated.nil?
      set(:calibration_end, Ltvcrm.to_day(calibration_end)) unless calibration_end.nil?
      set(:holdout_end, Ltvcrm.to_day(holdout_end)) unless holdout_end.nil?
      set(:model, Ltvcrm.predict_model(model)) unless model.nil?
      text(:ltv_report_options_set_title, title) unless title.nil?
      text(:ltv_report_options_set_answers, answers) unless answers.nil?
      { segment_config: segment_config, health_config: health_config, planner: planner, matrix: matrix }.each do |name, value|
        next if value.nil?

        C.public_send(:"ltv_report_options_set_#{name}", ptr, value.pointer)
        @borrowed[name] = value
      end
    end

    def pointer = ptr

    # One integer setting (:lang, :decimals, :generated_day, :cpo, :calibration_end, :holdout_end,
    # :model) as the C object holds it.
    def [](name)
      out = Ltvcrm.out(:int64)
      C.ltv_report_options_get_i64(ptr, param(name), out)
      out.read(:int64)
    end

    # (C name, smallest, largest value) of a setting.
    def self.param_info(name)
      index = PARAMS.index(name.to_sym) or raise InvalidArgumentError, "report setting #{name.inspect} is not one of #{PARAMS.join(', ')}"
      low, high = Ltvcrm.out(:int64), Ltvcrm.out(:int64)
      [C.ltv_report_param_info(index, low, high).read_string, low.read(:int64), high.read(:int64)]
    end

    private

    def param(name)
      PARAMS.index(name.to_sym) or raise InvalidArgumentError, "report setting #{name.inspect} is not one of #{PARAMS.join(', ')}"
    end

    def set(name, value) = C.ltv_report_options_set_i64(ptr, param(name), value)

    def text(function, value)
      raw = value.to_s.encode(Encoding::UTF_8).b
      buffer = FFI::MemoryPointer.new(:char, raw.bytesize + 1)
      buffer.put_bytes(0, raw)
      C.public_send(function, ptr, buffer, raw.bytesize)
    end
  end

  # The HTML report of a ledger as of a day (default: the day after the last event), as a
  # UTF-8 String: one self-contained page with charts (docs/report.md). Keywords are
  # ReportOptions settings (lang:, decimals:, cpo:, answers:, planner:, matrix:, title:, ...),
  # or pass options: ReportOptions.new(...). The same input always gives the same text.
  def self.html_report(ledger, as_of: nil, options: nil, **settings)
    with_report_options(options, settings) do |opts|
      text, len = Owner.out_pointer, out(:size_t)
      C.ltv_report_html(text, len, ledger.pointer, opts.pointer, ledger.as_of_day(as_of))
      pointer = text.read_pointer
      begin
        pointer.read_bytes(len.read(:size_t)).force_encoding(Encoding::UTF_8)
      ensure
        C.ltv_free(pointer)
      end
    end
  end

  # Write the HTML report to +path+ atomically (a temporary file in the same directory,
  # flushed and renamed over +path+): a reader sees the old file or the whole new one.
  def self.write_html_report(path, ledger, as_of: nil, options: nil, **settings)
    with_report_options(options, settings) do |opts|
      C.ltv_report_html_file(path.to_s, ledger.pointer, opts.pointer, ledger.as_of_day(as_of))
    end
    nil
  end

  # @private
  def self.with_report_options(options, settings)
    raise ArgumentError, "give report settings either as ReportOptions or as keywords, not both" if options && !settings.empty?

    own = options.nil?
    options ||= ReportOptions.new(**settings)
    yield options
  ensure
    options.close if own && options
  end
  private_class_method :with_report_options
end
