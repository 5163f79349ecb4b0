# frozen_string_literal: true

module Ltvcrm
  # The campaign matrix (ltv_matrix): 4 stages × 5 elements, figures, gaps and verdicts.
  #
  #   matrix = Ltvcrm::Matrix.template(lang: :ja, decimals: 0)
  #   matrix.set_box(:retention, :offer, "会員限定の先行販売", status: :active)
  #   puts matrix.render(format: :text, lang: :ja)
  class Matrix
    include Owner

    BOX_STATUSES = %i[empty draft active].freeze
    FORMATS = %i[text markdown csv json].freeze
    BALANCE_VERDICTS = %i[not_planned balanced partial leaking].freeze
    SETTINGS = %i[cell_width cell_lines planned_min decimals analysis].freeze

    # One box: its stage, element, status and plan.
    Box = Struct.new(:stage, :element, :status, :text)

    # The C handle, for other objects that borrow the matrix (ReportOptions).
    def pointer = ptr

    def self.box_status_label(status, lang = :en)
      Ltvcrm.static_label(C.ltv_matrix_box_status_label(Ltvcrm.code(BOX_STATUSES, status, "box status"),
                                                        Ltvcrm.lang(lang)), "box status #{status.inspect}")
    end

    def self.balance_message(verdict, lang = :en)
      Ltvcrm.static_label(C.ltv_matrix_balance_message(Ltvcrm.code(BALANCE_VERDICTS, verdict, "balance verdict"),
                                                       Ltvcrm.lang(lang)), "balance verdict #{verdict.inspect}")
    end

    def self.cpo_message(verdict, lang = :en)
      Ltvcrm.static_label(C.ltv_matrix_cpo_message(Ltvcrm.code(CPO_VERDICTS, verdict, "CPO verdict"),
                                                   Ltvcrm.lang(lang)), "CPO verdict #{verdict.inspect}")
    end

    # An empty matrix.
    def initialize(**settings)
      out = Owner.out_pointer
      C.ltv_matrix_new(out)
      setup(out.read_pointer, settings)
    end

    # The starter plan for a D2C shop: every box drafted.
    def self.template(lang: :en, **settings)
      out = Owner.out_pointer
      C.ltv_matrix_new_template(out, Ltvcrm.lang(lang))
      allocate.tap { |m| m.send(:setup, out.read_pointer, settings) }
    end

    # A plan from JSON or CSV text.
    def self.load(data, format: :json, **settings)
      raw = data.b
      out = Owner.out_pointer
      C.ltv_matrix_load(out, Ltvcrm.code(FORMATS, format, "format"), raw, raw.bytesize)
      allocate.tap { |m| m.send(:setup, out.read_pointer, settings) }
    end

    # A plan from a .json or .csv file (or the format given).
    def self.load_file(path, format: nil, **settings)
      out = Owner.out_pointer
      C.ltv_matrix_load_file(out, format_of(path, format), path.to_s)
      allocate.tap { |m| m.send(:setup, out.read_pointer, settings) }
    end

    def self.format_of(path, format)
      return Ltvcrm.code(FORMATS, format, "format") if format

      ext = File.extname(path.to_s).downcase.delete(".")
      return Ltvcrm.code(FORMATS, ext, "format") if %w[json csv].include?(ext)

      raise InvalidArgumentError, "cannot tell the format of #{path.to_s.inspect}: give format: :json or :csv"
    end

    # Change settings by keyword; returns self.
    def configure(**settings)
      settings.each do |name, value|
        C.ltv_matrix_set_i64(ptr, setting_code(name), Ltvcrm.setting(value || 0, name.to_s))
      end
      self
    end

    def setting(name)
      out = Ltvcrm.out(:int64)
      C.ltv_matrix_get_i64(ptr, setting_code(name), out)
      out.read_int64
    end

    # Write a box's plan; the status defaults to :draft with text and :empty without.
    def set_box(stage, element, text = "", status: nil)
      raw = text.encode(Encoding::UTF_8).b
      status ||= raw.empty? ? :empty : :draft
      C.ltv_matrix_set_box(ptr, Ltvcrm.code(STAGES, stage, "stage"), Ltvcrm.code(ELEMENTS, element, "element"),
                           Ltvcrm.code(BOX_STATUSES, status, "box status"), raw.empty? ? nil : raw, raw.bytesize)
      nil
    end

    def box(stage, element)
      s, e = Ltvcrm.code(STAGES, stage, "stage"), Ltvcrm.code(ELEMENTS, element, "element")
      status, text, len = Ltvcrm.out(:int), Owner.out_pointer, Ltvcrm.out(:size_t)
      C.ltv_matrix_get_box(ptr, s, e, status, text, len)
      Box.new(STAGES[s], ELEMENTS[e], BOX_STATUSES[status.read_int], Ltvcrm.text(text.read_pointer, len.read(:size_t)))
    end

    # All 20 boxes, stage by stage.
    def boxes = STAGES.product(ELEMENTS).map { |stage, element| box(stage, element) }

    def set_stage_figures(stage, customers, revenue)
      customers, revenue = Ltvcrm.integer(customers, "customers", :uint64), Ltvcrm.integer(revenue, "revenue")
      C.ltv_matrix_set_stage_figures(ptr, Ltvcrm.code(STAGES, stage, "stage"), customers, revenue)
      nil
    end

    # [customers, revenue] of an existing-customer stage; nil if not set.
    def stage_figures(stage)
      customers, revenue = Ltvcrm.out(:uint64), Ltvcrm.out(:int64)
      C.ltv_matrix_get_stage_figures(ptr, Ltvcrm.code(STAGES, stage, "stage"), customers, revenue)
      [customers.read_uint64, revenue.read_int64]
    rescue NotFoundError
      nil
    end

    def set_acquisition(prospects, cpo)
      C.ltv_matrix_set_acquisition(ptr, Ltvcrm.integer(prospects, "prospects", :uint64), Ltvcrm.integer(cpo, "cpo"))
      nil
    end

    # [prospects, CPO]; nil if not set.
    def acquisition
      prospects, cpo = Ltvcrm.out(:uint64), Ltvcrm.out(:int64)
      C.ltv_matrix_get_acquisition(ptr, prospects, cpo)
      [prospects.read_uint64, cpo.read_int64]
    rescue NotFoundError
      nil
    end

    # The average LTV against which the CPO is judged; nil if not set.
    def ltv
      out = Ltvcrm.out(:int64)
      C.ltv_matrix_get_ltv(ptr, out)
      out.read_int64
    rescue NotFoundError
      nil
    end

    def ltv=(value)
      C.ltv_matrix_set_ltv(ptr, Ltvcrm.integer(value, "ltv"))
    end

    def clear_figures
      C.ltv_matrix_clear_figures(ptr)
      nil
    end

    # Stage figures and the LTV from a Segmentation (ltv_matrix_set_segmentation): new customers
    # → activation, repeat and fan → retention, dormant → churn prevention, and its average LTV.
    # Acquisition figures are left alone. Returns self.
    def figures_from(segmentation)
      C.ltv_matrix_set_segmentation(ptr, segmentation.pointer)
      self
    end

    # Boxes of a stage by status: { empty:, draft:, active: }.
    def stage_counts(stage)
      counts = Array.new(3) { Ltvcrm.out(:uint32) }
      C.ltv_matrix_stage_counts(ptr, Ltvcrm.code(STAGES, stage, "stage"), *counts)
      BOX_STATUSES.zip(counts.map(&:read_uint32)).to_h
    end

    def stage_planned?(stage)
      out = Ltvcrm.out(:int)
      C.ltv_matrix_stage_planned(ptr, Ltvcrm.code(STAGES, stage, "stage"), out)
      out.read_int == 1
    end

    # The boxes that are empty or only drafted: [[stage, element], ...].
    def gaps
      stages, elements, count = FFI::MemoryPointer.new(:int32, 20), FFI::MemoryPointer.new(:int32, 20), Ltvcrm.out(:size_t)
      C.ltv_matrix_gaps(ptr, stages, elements, 20, count)
      n = count.read(:size_t)
      stages.get_array_of_int32(0, n).zip(elements.get_array_of_int32(0, n)).map { |s, e| [STAGES[s], ELEMENTS[e]] }
    end

    def balance
      out = Ltvcrm.out(:int)
      C.ltv_matrix_balance(ptr, out)
      BALANCE_VERDICTS[out.read_int]
    end

    # The CPO against the average LTV; NotFoundError if either is missing.
    def cpo_verdict
      out = Ltvcrm.out(:int)
      C.ltv_matrix_cpo_verdict(ptr, out)
      CPO_VERDICTS[out.read_int]
    end

    # The matrix as one table: :text, :markdown, :csv or :json.
    def render(format: :text, lang: :en)
      owned_text { |text, len| C.ltv_matrix_render(ptr, Ltvcrm.code(FORMATS, format, "format"), Ltvcrm.lang(lang), text, len) }
    end

    # The plan as JSON or CSV text.
    def save(format: :json)
      owned_text { |text, len| C.ltv_matrix_save(ptr, Ltvcrm.code(FORMATS, format, "format"), text, len) }
    end

    def save_file(path, format: nil)
      C.ltv_matrix_save_file(ptr, Matrix.format_of(path, format), path.to_s)
      nil
    end

    def to_s = render

    def inspect = closed? ? "#<Ltvcrm::Matrix closed>" : "#<Ltvcrm::Matrix gaps=#{gaps.size} balance=#{balance}>"

    private

    def setup(pointer, settings)
      adopt(pointer, :ltv_matrix_free)
      configure(**settings)
    end

    def setting_code(name)
      SETTINGS.index(name.to_sym) or
        raise InvalidArgumentError, "matrix setting #{name.inspect} is not one of #{SETTINGS.join(', ')}"
    end

    def owned_text
      text, len = Owner.out_pointer, Ltvcrm.out(:size_t)
      yield text, len
      pointer = text.read_pointer
      begin
        pointer.read_bytes(len.read(:size_t)).force_encoding(Encoding::UTF_8)
      ensure
        C.ltv_free(pointer)
      end
    end
  end
end
