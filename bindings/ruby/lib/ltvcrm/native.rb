# frozen_string_literal: true

require "ffi"

module Ltvcrm
  # The C functions, through the ffi gem.
  #
  # The library is looked for, in order:
  # 1. +LTVCRM_LIBRARY+, the path of the shared library, used alone when set;
  # 2. the copy the gem bundles (+lib/ltvcrm/libltvcrm.so.1+, built by ext/ltvcrm/extconf.rb at
  #    gem install), or the installed copy extconf.rb found through pkg-config
  #    (+lib/ltvcrm/libltvcrm.path+ holds its path);
  # 3. the installed library through the dynamic loader (+libltvcrm.so.1+);
  # 4. a build tree of the source checkout the gem lives in (+build*/libltvcrm.so+, newest first).
  # Its major version must equal ABI_MAJOR. Functions that a (older 1.x) library lacks raise
  # StateError when called.
  module Native
    extend FFI::Library

    def self.candidates
      explicit = ENV.fetch("LTVCRM_LIBRARY", "")
      return [explicit] unless explicit.empty?

      gem = [File.join(__dir__, "libltvcrm.so.1")].select { |f| File.file?(f) }
      recorded = File.join(__dir__, "libltvcrm.path")
      gem << File.read(recorded).strip if File.file?(recorded)
      root = File.expand_path("../../../..", __dir__)
      tree = if File.file?(File.join(root, "include", "ltvcrm", "common.h"))
               Dir[File.join(root, "build*", "libltvcrm.{so,dylib}")].sort_by { |f| -File.mtime(f).to_f }
             else
               []
             end
      gem + ["libltvcrm.so.1", "libltvcrm.1.dylib", "ltvcrm"] + tree
    end

    tried = []
    LIBRARY_PATH = candidates.find do |name|
      ffi_lib name
      true
    rescue LoadError => e
      tried << "#{name} (#{e.message.lines.first&.strip})"
      false
    end
    unless LIBRARY_PATH
      raise LibraryError, "libltvcrm could not be loaded; set LTVCRM_LIBRARY to the path of libltvcrm.so. " \
                          "Tried: #{tried.join('; ')}"
    end

    callback :progress_fn, %i[pointer uint64 uint64], :int

    # name => [argument types, return type]; :status marks an int status that raises when negative,
    # :status_or_bufsize one whose LTV_EBUFSIZE is an answer (a size query).
    P = :pointer
    FUNCTIONS = {
      # common.h
      ltv_status_name: [[:int], :string], ltv_status_text: [[:int], :string],
      ltv_last_error: [[], P], ltv_last_status: [[], :int], ltv_clear_error: [[], :void],
      ltv_free: [[P], :void], ltv_version_number: [[], :int], ltv_version_string: [[], :string],
      ltv_set_threads: [[:int], :status], ltv_get_threads: [[], :int],
      ltv_json_quote: [[P, :size_t, P, :size_t, P], :status_or_bufsize],
      # date.h
      ltv_date_from_ymd: [[:int32, :int32, :int32, P], :status], ltv_date_to_ymd: [[:int32, P, P, P], :status],
      ltv_date_parse: [[P, :size_t, P], :status], ltv_date_format: [[:int32, P, :size_t], :status],
      # ledger.h
      ltv_ledger_new: [[P], :status], ltv_ledger_free: [[P], :void],
      ltv_ledger_reserve: [[P, :uint64, :uint64], :status],
      ltv_ledger_add_event: [[P, P, :size_t, :int, :int32, :int64, :int32], :status],
      ltv_ledger_add_order: [[P, P, :size_t, :int32, :int64, :int32], :status],
      ltv_ledger_add_events: [[P, :size_t, P, P, P, P, P, P], :status],
      ltv_ledger_add_events_fixed: [[P, :size_t, P, :size_t, P, P, P, P], :status],
      ltv_ledger_merge: [[P, P], :status], ltv_ledger_prepare: [[P], :status],
      ltv_ledger_customer_count: [[P], :uint64], ltv_ledger_event_count: [[P], :uint64],
      ltv_ledger_order_count: [[P], :uint64], ltv_ledger_revenue: [[P], :int64],
      ltv_ledger_visit_count: [[P], :uint64],
      ltv_ledger_day_range: [[P, P, P], :status], ltv_ledger_find: [[P, P, :size_t, P], :status],
      ltv_ledger_customer_id: [[P, :uint64, P, P], :status],
      ltv_ledger_facts: [[P, :uint64, :int32, P, :size_t], :status],
      ltv_ledger_summary_as_of: [[P, :int32, P, :size_t], :status],
      ltv_ledger_customer_events: [[P, :uint64, P, P, P, P, :size_t, P], :status_or_bufsize],
      # csv.h
      ltv_csv_options_new: [[P], :status], ltv_csv_options_free: [[P], :void],
      ltv_csv_options_set_column: [[P, :int, P, :size_t], :status],
      ltv_csv_options_set_i64: [[P, :int, :int64], :status], ltv_csv_options_get_i64: [[P, :int, P], :status],
      ltv_csv_param_info: [[:int, P, P], P],
      ltv_csv_options_set_progress: [[P, :progress_fn, P], :status],
      ltv_csv_options_set_encoding: [[P, :string], :status], ltv_csv_options_set_timezone: [[P, :string], :status],
      ltv_ledger_load_csv: [[P, :string, P, P], :status],
      ltv_ledger_load_csv_buffer: [[P, P, :size_t, P, P], :status],
      ltv_load_report_free: [[P], :void], ltv_load_report_rows_read: [[P], :uint64],
      ltv_load_report_rows_taken: [[P], :uint64], ltv_load_report_rows_rejected: [[P], :uint64],
      ltv_load_report_blank_lines: [[P], :uint64], ltv_load_report_bytes: [[P], :uint64],
      ltv_load_report_error_count: [[P], :size_t], ltv_load_report_error: [[P, :size_t, P, P, P, P], :status],
      ltv_csv_options_map_status: [[P, P, :size_t, :int], :status],
      ltv_csv_status_rule_of: [[P, P, :size_t, P], :status],
      ltv_csv_options_add_no_customer_id: [[P, P, :size_t], :status],
      ltv_csv_options_clear_no_customer_ids: [[P], :status],
      ltv_load_report_rows_excluded: [[P], :uint64], ltv_load_report_rows_no_customer: [[P], :uint64],
      ltv_load_report_no_customer: [[P, P, P], :void],
      ltv_load_report_rows_rejected_for: [[P, :int], :uint64],
      ltv_load_report_orders: [[P, P, P], :void],
      ltv_load_report_exclusion_count: [[P], :size_t],
      ltv_load_report_exclusion: [[P, :size_t, P, P], :status],
      # segment.h
      ltv_segment_config_new: [[P], :status], ltv_segment_config_free: [[P], :void],
      ltv_segment_config_set_i64: [[P, :int, :int64], :status],
      ltv_segment_config_get_i64: [[P, :int, P], :status],
      ltv_segment_param_info: [[:int, P, P], P],
      ltv_segment_config_set_thresholds: [[P, :int, P, :size_t], :status],
      ltv_segment_config_clear_presets: [[P], :status],
      ltv_segment_config_add_preset: [[P, P, :size_t, P, :size_t, :int, :int, :int, :int, :int, :int], :status],
      ltv_segment_config_load_table: [[P, P, :size_t], :status],
      ltv_segment_config_load_table_file: [[P, :string], :status],
      ltv_segment_config_use_table: [[P, P, :size_t], :status],
      ltv_segment_config_set_model: [[P, P, P, :int, P], :status],
      ltv_segment_config_set_p_alive: [[P, P, P, P, :size_t], :status],
      ltv_segment_p_alive_load_csv: [[P, :string, P, P, :size_t], :status],
      ltv_segment_table_name: [[:size_t], P], ltv_segment_table_text: [[P, :size_t], P],
      ltv_segment_run: [[P, P, P, :int32], :status], ltv_segmentation_free: [[P], :void],
      ltv_segmentation_customer_count: [[P], :uint64], ltv_segmentation_as_of: [[P], :int32],
      ltv_segmentation_customer: [[P, :uint64, P, :size_t], :status],
      ltv_segmentation_find: [[P, P, :size_t, P, :size_t], :status],
      ltv_segmentation_column: [[P, :int, P, P], :status],
      ltv_segmentation_copy_column: [[P, :int, P, :size_t, P], :status_or_bufsize],
      ltv_segmentation_state_stats: [[P, :int, P, :size_t], :status],
      ltv_segmentation_rank_stats: [[P, :int, P, :size_t], :status],
      ltv_segmentation_thresholds: [[P, :int, P, :size_t, P], :status_or_bufsize],
      ltv_segmentation_score_counts: [[P, :int, P, :size_t, P], :status_or_bufsize],
      ltv_segmentation_preset_count: [[P], :size_t], ltv_segmentation_preset_name: [[P, :size_t, :int], P],
      ltv_segmentation_preset_customers: [[P, :size_t], :uint64],
      ltv_segmentation_segment_count: [[P], :size_t], ltv_segmentation_segment_name: [[P, :size_t, :int], P],
      ltv_segmentation_segment_customers: [[P, :size_t], :uint64],
      ltv_segmentation_preset_segment: [[P, :size_t], :size_t],
      ltv_segmentation_ltv_summary: [[P, P, :size_t], :status],
      ltv_segmentation_cpo_verdict: [[P, :int64, P, P], :status],
      ltv_state_label: [%i[int int], P], ltv_rank_label: [%i[int int], P],
      ltv_state_keyword: [%i[int], P], ltv_rank_keyword: [%i[int], P],
      ltv_rfm_metric_label: [%i[int int], P], ltv_cpo_verdict_label: [%i[int int], P],
      # crm.h
      ltv_stage_label: [%i[int int], P], ltv_element_label: [%i[int int], P],
      # grader.h
      ltv_grader_question: [%i[int32 int], P], ltv_grader_topic: [%i[int32 int], P],
      ltv_grader_answer: [%i[int32 int32 int], P], ltv_grader_note: [%i[int int], P],
      ltv_grader_grade_title: [%i[int int], P], ltv_grader_grade_summary: [%i[int int], P],
      ltv_grader_grade_explanation: [%i[int int], P], ltv_grader_target: [[:int32, P, P, P], :status],
      ltv_grader_recommendation: [%i[int32 int], P], ltv_grader_capability_label: [%i[int int], P],
      ltv_grader_parse_choice: [[P, :size_t, P], :status], ltv_grader_grade: [[P, P, :size_t], :status],
      ltv_grader_grade_choices: [[P, P, :size_t], :status], ltv_grade_free: [[P], :void],
      ltv_grade_level: [[P], :status], ltv_grade_letter: [[P], P], ltv_grade_a_count: [[P], :status],
      ltv_grade_answer: [[P, :int32], :status], ltv_grade_answers: [[P], P],
      ltv_grade_title: [[P, :int], P], ltv_grade_summary: [[P, :int], P], ltv_grade_explanation: [[P, :int], P],
      ltv_grade_step_count: [[P], :size_t], ltv_grade_step: [[P, :size_t, P, P, P, P, P], :status],
      ltv_grade_step_text: [[P, :size_t, :int], P],
      ltv_grade_attach_ledger: [[P, P, :int32, :int32], :status],
      ltv_grade_attach_ledger_v2: [[P, P, :int32, :int32, P], :status], ltv_grade_figure: [[P, :int, P], :status],
      ltv_grade_figure_line: [[P, :int32, :int, P], :status],
      # matrix.h
      ltv_matrix_new: [[P], :status], ltv_matrix_new_template: [[P, :int], :status], ltv_matrix_free: [[P], :void],
      ltv_matrix_set_box: [[P, :int, :int, :int, P, :size_t], :status],
      ltv_matrix_get_box: [[P, :int, :int, P, P, P], :status],
      ltv_matrix_set_i64: [[P, :int, :int64], :status], ltv_matrix_get_i64: [[P, :int, P], :status],
      ltv_matrix_param_info: [[:int, P, P], P],
      ltv_matrix_to_text: [[P, :int, P, P], :status], ltv_matrix_from_text: [[P, :int, P, :size_t], :status],
      ltv_matrix_set_stage_figures: [[P, :int, :uint64, :int64], :status],
      ltv_matrix_get_stage_figures: [[P, :int, P, P], :status],
      ltv_matrix_set_acquisition: [[P, :uint64, :int64], :status],
      ltv_matrix_get_acquisition: [[P, P, P], :status],
      ltv_matrix_set_ltv: [[P, :int64], :status], ltv_matrix_get_ltv: [[P, P], :status],
      ltv_matrix_clear_figures: [[P], :void], ltv_matrix_set_segmentation: [[P, P], :status], ltv_matrix_stage_counts: [[P, :int, P, P, P], :status],
      ltv_matrix_stage_planned: [[P, :int, P], :status], ltv_matrix_gaps: [[P, P, P, :size_t, P], :status_or_bufsize],
      ltv_matrix_balance: [[P, P], :status], ltv_matrix_cpo_verdict: [[P, P], :status],
      ltv_matrix_box_status_label: [%i[int int], P], ltv_matrix_balance_message: [%i[int int], P],
      ltv_matrix_cpo_message: [%i[int int], P],
      ltv_matrix_render: [[P, :int, :int, P, P], :status], ltv_matrix_save: [[P, :int, P, P], :status],
      ltv_matrix_save_file: [[P, :int, :string], :status], ltv_matrix_load: [[P, :int, P, :size_t], :status],
      ltv_matrix_load_file: [[P, :int, :string], :status]
    }.freeze

    MISSING = []
    attach_function :ltv_version_number, [], :int
    attach_function :ltv_version_string, [], :string

    VERSION_NUMBER = ltv_version_number
    VERSION_STRING = ltv_version_string
    if VERSION_NUMBER / 10_000 != ABI_MAJOR
      raise LibraryError, "#{LIBRARY_PATH} is libltvcrm #{VERSION_STRING}; the ltvcrm gem needs major version #{ABI_MAJOR}"
    end
  end

  # The C functions with statuses checked: a negative status raises the matching Error with
  # the library's message. Other functions pass through.
  module C; end

  # Attach functions (name => [argument types, return type]) to Native and define their checked
  # forms on C. A function the loaded library lacks raises StateError when called.
  def self.bind(functions)
    functions.each do |name, (args, ret)|
      begin
        unless Native.respond_to?(name) # the version functions are attached before the check
          Native.attach_function name, args, (%i[status status_or_bufsize].include?(ret) ? :int : ret)
        end
      rescue FFI::NotFoundError
        Native::MISSING << name
        C.define_singleton_method(name) do |*|
          raise StateError, "#{name} is not in the loaded libltvcrm #{Native::VERSION_STRING} at " \
                            "#{Native::LIBRARY_PATH}; a newer 1.x library is needed"
        end
        next
      end
      # FFI would truncate a Float and wrap a negative unsigned: check integer arguments first.
      ints = args.each_with_index.filter_map { |type, i| [i, type] if INTEGER_BOUNDS.key?(type) }
      case ret
      when :status
        C.define_singleton_method(name) do |*call_args|
          Ltvcrm.check_arguments(name, ints, call_args)
          status = Native.send(name, *call_args)
          Ltvcrm.raise_status(status) if status.negative?
          status
        end
      when :status_or_bufsize
        C.define_singleton_method(name) do |*call_args|
          Ltvcrm.check_arguments(name, ints, call_args)
          status = Native.send(name, *call_args)
          Ltvcrm.raise_status(status) if status.negative? && status != BufferSizeError.status
          status
        end
      else
        C.define_singleton_method(name) do |*call_args|
          Ltvcrm.check_arguments(name, ints, call_args)
          Native.send(name, *call_args)
        end
      end
    end
  end

  # Check the integer arguments of a call ([index, type] pairs) against their C types.
  def self.check_arguments(function, ints, call_args)
    ints.each { |i, type| integer(call_args[i], "#{function}: argument #{i + 1} =", type) }
  end

  # Raise the exception for a negative status with the calling thread's message.
  def self.raise_status(status)
    message = Native.ltv_last_error.read_string.force_encoding(Encoding::UTF_8).scrub
    raise error_for(status, message, Native.ltv_status_name(status))
  end

  # [C name, smallest, largest] from one of the ltv_*_param_info functions.
  def self.param_info(function, code)
    low, high = out(:int64), out(:int64)
    name = text(C.send(function, code, low, high))
    [name, low.read_int64, high.read_int64]
  end

  # A borrowed or static UTF-8 string; a NULL pointer raises the error the library set.
  def self.text(ptr, length = nil)
    raise_status(Native.ltv_last_status.nonzero? || -1) if ptr.null?
    (length ? ptr.read_bytes(length) : ptr.read_string).force_encoding(Encoding::UTF_8)
  end
end

Ltvcrm.bind(Ltvcrm::Native::FUNCTIONS)
