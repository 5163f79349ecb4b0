# frozen_string_literal: true

module Ltvcrm
  # The C functions of planner.h.
  module Native
    PLANNER_FUNCTIONS = {
      ltv_planner_new: [[P], :status], ltv_planner_new_default: [[P, :int], :status], ltv_planner_free: [[P], :void],
      ltv_planner_add_builtin: [[P, :int, :int, P], :status],
      ltv_planner_set_i64: [[P, :int, :int64], :status], ltv_planner_get_i64: [[P, :int, P], :status],
      ltv_planner_use_segment_config: [[P, P], :status],
      ltv_planner_set_model: [[P, P, :int], :status],
      ltv_planner_to_segment_config: [[P, P], :status],
      ltv_planner_param_info: [[:int, P, P], P], ltv_planner_channel_param_info: [[:int, P, P], P],
      ltv_planner_step_field_info: [[:int, P, P], P],
      ltv_planner_channel_set_i64: [[P, :int, :int, :int64], :status],
      ltv_planner_channel_get_i64: [[P, :int, :int, P], :status],
      ltv_planner_channel_set_role: [[P, :int, P, :size_t], :status],
      ltv_planner_channel_role: [[P, :int, P, P], :status],
      ltv_planner_add_scenario: [[P, P, :size_t, :int, P], :status],
      ltv_planner_remove_scenario: [[P, :size_t], :status], ltv_planner_scenario_count: [[P], :size_t],
      ltv_planner_scenario_info: [[P, :size_t, P, P, P, P], :status],
      ltv_planner_find_scenario: [[P, P, :size_t, P], :status],
      ltv_planner_add_step: [[P, :size_t, P, :size_t, :int32, :int, :int, :int, :int, P], :status],
      ltv_planner_remove_step: [[P, :size_t, :size_t], :status],
      ltv_planner_find_step: [[P, :size_t, P, :size_t, P], :status],
      ltv_planner_step_set_i64: [[P, :size_t, :size_t, :int, :int64], :status],
      ltv_planner_step_get_i64: [[P, :size_t, :size_t, :int, P], :status],
      ltv_planner_step_set_note: [[P, :size_t, :size_t, P, :size_t], :status],
      ltv_planner_step_text: [[P, :size_t, :size_t, P, P, P, P], :status],
      ltv_planner_validate: [[P, P], :int], # LTV_EVALIDATION is an answer here
      ltv_plan_report_free: [[P], :void], ltv_plan_report_count: [[P], :size_t],
      ltv_plan_report_problem: [[P, :size_t, P, P, P, P, P], :status],
      ltv_planner_to_text: [[P, P, P], :status], ltv_planner_save: [[P, :string], :status],
      ltv_planner_from_text: [[P, P, :size_t], :status], ltv_planner_load: [[P, :string], :status],
      ltv_plan_events_new: [[P], :status], ltv_plan_events_free: [[P], :void],
      ltv_plan_events_add: [[P, P, :size_t, :int, :int32], :status], ltv_plan_events_count: [[P], :uint64],
      ltv_plan_events_load_csv: [[P, :string], :status],
      ltv_planner_run: [[P, P, P, P, :int32], :status], ltv_plan_run_free: [[P], :void],
      ltv_plan_run_due_count: [[P], :uint64], ltv_plan_run_due: [[P, :uint64, P, P, P, P], :status],
      ltv_plan_run_due_id: [[P, :uint64, P, P], :status],
      ltv_plan_run_due_columns: [[P, P, P, P, P, :size_t, P], :status_or_bufsize],
      ltv_plan_run_load: [[P, :int, P, :size_t], :status],
      ltv_planner_schedule: [[P, P, P, P, P, :size_t, :int32], :status], ltv_schedule_free: [[P], :void],
      ltv_schedule_count: [[P], :size_t], ltv_schedule_entry: [[P, :size_t, P, P, P, P, P, P], :status],
      ltv_schedule_anchor: [[P, :size_t, P], :status], ltv_schedule_segment: [[P, P, P, P], :status],
      ltv_planner_best_gaps: [[P, P, :int32, P, :size_t, P], :status],
      ltv_planner_best_gaps_segmented: [[P, P, P, :size_t, P], :status],
      ltv_planner_place_step: [[P, :size_t, :size_t, P, :size_t, :int, P, P, P], :status],
      ltv_planner_label: [%i[int int int], P], ltv_planner_keyword: [%i[int int], P],
      ltv_channel_keyword: [%i[int], P]
    }.freeze
  end
  Ltvcrm.bind(Native::PLANNER_FUNCTIONS)

  # The 90-day scenario planner (ltv_planner): channels, scenarios of dated steps, thresholds;
  # validation, the text format, runs over a ledger and per-customer schedules.
  #
  #   planner = Ltvcrm::Planner.default(lang: :ja)
  #   planner.run(ledger) { |run| run.due.each { |a| puts "#{a.customer_id} #{a.channel}" } }
  class Planner
    include Owner

    CHANNELS = %i[email line package_insert phone postal_dm sms app_push].freeze
    TRIGGERS = %i[purchase first_purchase dormant cart_created product_viewed].freeze
    ACTIONS = %i[read_content use_product second_purchase review repurchase cross_purchase contact join_program
                 complete_order revisit return_purchase refer].freeze
    OFFERS = %i[experience content sample discount].freeze
    PLATFORM_EVENTS = %i[cart_created product_viewed].freeze
    STOPS = { order: 1, refund: 2, cancel: 4, cart: 8 }.freeze
    ENTRY_STATUSES = %i[passed due planned skipped stopped].freeze
    PROBLEMS = %i[channel_disabled weekly_cap contradiction empty_scenario no_scenario].freeze # from 1
    BUILTINS = %i[default_90_days recommendation cart_abandonment browse_retargeting reactivation].freeze
    TIMING_REASONS = %i[from_data too_few].freeze
    STEP_FIELDS = %i[day channel stage action offer states ranks min_orders max_orders before_second_purchase
                     min_order_value stop alive_falling].freeze
    THRESHOLDS = %i[dormant_days fan_min_orders fan_min_tenure_days excellent_min_orders semi_min_orders
                    timing_min_customers timing_window_days cancel_is_dormant activity falling_days
                    falling_drop_permille].freeze
    VOCABS = { channel: [0, CHANNELS], stage: [1, STAGES], action: [2, ACTIONS], offer: [3, OFFERS],
               trigger: [4, TRIGGERS], state: [5, STATES], rank: [6, RANKS], stop: [7, nil],
               status: [8, ENTRY_STATUSES], field: [9, STEP_FIELDS] }.freeze
    DAY_MAX = 90
    HORIZON = 90
    NONE_BIT = 16 # LTV_PLAN_MASK_NONE_BIT: the mask bit for :none
    NO_INDEX = (2**(8 * FFI.type_size(:size_t))) - 1
    NOT_IN_LEDGER = (2**64) - 1

    # A step: when, through which channel, for which stage, what it asks for and offers, the
    # condition and the stop rule. +states+/+ranks+ empty mean any; +max_orders+ nil no limit.
    Step = Struct.new(:scenario, :index, :name, :day, :channel, :stage, :action, :offer, :states, :ranks,
                      :min_orders, :max_orders, :before_second_purchase, :min_order_value, :stop, :note,
                      :alive_falling, keyword_init: true)
    # A scenario with its steps.
    Scenario = Struct.new(:index, :name, :trigger, :steps)
    # A validation problem (scenario and step nil when it concerns neither).
    Problem = Struct.new(:kind, :scenario, :step, :line, :message)
    # An action due on the as-of day; customer_index nil for a visitor known only from events.
    DueAction = Struct.new(:customer_index, :customer_id, :scenario, :step, :channel)
    # A dated step of one customer's schedule; reason: the failed field (skipped) or stop bit (stopped).
    ScheduleEntry = Struct.new(:scenario, :step, :day, :status, :reason, :reason_day)
    # One customer's schedule.
    Schedule = Struct.new(:customer_id, :as_of, :state, :rank, :orders, :anchors, :entries)
    # Where place_step put a step, and why.
    Placement = Struct.new(:day, :reason, :explanation)

    # The label of a planner value for people: Planner.label(:channel, :package_insert, :ja) == "同梱物".
    def self.label(vocab, value, lang = :en)
      code, names = vocab_code(vocab, value)
      Ltvcrm.static_label(C.ltv_planner_label(code, names, Ltvcrm.lang(lang)), "#{vocab} #{value.inspect}")
    end

    # The keyword of a value in the text format.
    def self.keyword(vocab, value)
      code, names = vocab_code(vocab, value)
      Ltvcrm.static_label(C.ltv_planner_keyword(code, names), "#{vocab} #{value.inspect}")
    end

    def self.vocab_code(vocab, value)
      code, names = VOCABS.fetch(vocab.to_sym) { raise InvalidArgumentError, "unknown vocabulary #{vocab.inspect}" }
      value = STOPS.fetch(value.to_sym) { raise InvalidArgumentError, "unknown stop #{value.inspect}" } if names.nil?
      [code, names ? Ltvcrm.code(names, value, vocab.to_s) : value]
    end

    def self.owned_text(pointer)
      pointer.read_string.force_encoding(Encoding::UTF_8)
    ensure
      C.ltv_free(pointer)
    end

    # An empty planner: no channel, no scenario, default thresholds.
    def initialize
      out = Owner.out_pointer
      C.ltv_planner_new(out)
      adopt(out.read_pointer, :ltv_planner_free)
    end

    # The built-in planner a shop can start from.
    def self.default(lang: :en)
      out = Owner.out_pointer
      C.ltv_planner_new_default(out, Ltvcrm.lang(lang))
      allocate.tap { |p| p.send(:adopt, out.read_pointer, :ltv_planner_free) }
    end

    # A planner from the text format of docs/planner.md.
    def self.from_text(text)
      raw = text.b
      out = Owner.out_pointer
      C.ltv_planner_from_text(out, raw, raw.bytesize)
      allocate.tap { |p| p.send(:adopt, out.read_pointer, :ltv_planner_free) }
    end

    # A planner from a file in the text format.
    def self.load(path)
      out = Owner.out_pointer
      C.ltv_planner_load(out, path.to_s)
      allocate.tap { |p| p.send(:adopt, out.read_pointer, :ltv_planner_free) }
    end

    def pointer = ptr

    def to_text
      text = Owner.out_pointer
      C.ltv_planner_to_text(ptr, text, nil)
      Planner.owned_text(text.read_pointer)
    end

    def save(path)
      C.ltv_planner_save(ptr, path.to_s)
      nil
    end

    # Thresholds by keyword (see THRESHOLDS); returns self.
    def configure(**thresholds)
      thresholds.each do |name, value|
        C.ltv_planner_set_i64(ptr, threshold_code(name), Ltvcrm.setting(value, name.to_s))
      end
      self
    end

    def setting(name)
      out = Ltvcrm.out(:int64)
      C.ltv_planner_get_i64(ptr, threshold_code(name), out)
      out.read_int64
    end

    # See customers as a segmentation with these settings does (nil: the defaults).
    def use_segment_config(config = nil)
      C.ltv_planner_use_segment_config(ptr, config&.pointer)
      nil
    end

    # The purchase model (an Ltvcrm::Fit, parameters in +unit+) for steps with alive_falling;
    # nil detaches. The planner keeps it alive.
    def set_model(fit, unit: :week)
      C.ltv_planner_set_model(ptr, fit&.pointer, Ltvcrm.code(TIME_UNITS, unit, "unit"))
      @model = fit
      self
    end

    # Enable a channel, cap its touches per scenario and 7 days (0: none), describe its role.
    def set_channel(channel, enabled: nil, weekly_cap: nil, role: nil)
      code = Ltvcrm.code(CHANNELS, channel, "channel")
      C.ltv_planner_channel_set_i64(ptr, code, 0, enabled ? 1 : 0) unless enabled.nil?
      C.ltv_planner_channel_set_i64(ptr, code, 1, Ltvcrm.integer(weekly_cap, "weekly_cap")) unless weekly_cap.nil?
      unless role.nil?
        raw = role.encode(Encoding::UTF_8).b
        C.ltv_planner_channel_set_role(ptr, code, raw.empty? ? nil : raw, raw.bytesize)
      end
      nil
    end

    # { enabled:, weekly_cap:, role: } of a channel.
    def channel(channel)
      code = Ltvcrm.code(CHANNELS, channel, "channel")
      enabled, cap, role, len = Ltvcrm.out(:int64), Ltvcrm.out(:int64), Owner.out_pointer, Ltvcrm.out(:size_t)
      C.ltv_planner_channel_get_i64(ptr, code, 0, enabled)
      C.ltv_planner_channel_get_i64(ptr, code, 1, cap)
      C.ltv_planner_channel_role(ptr, code, role, len)
      { enabled: enabled.read_int64 == 1, weekly_cap: cap.read_int64, role: Ltvcrm.text(role.read_pointer, len.read(:size_t)) }
    end

    # Add a built-in scenario; returns its index.
    def add_builtin(builtin, lang: :en)
      out = Ltvcrm.out(:size_t)
      C.ltv_planner_add_builtin(ptr, Ltvcrm.code(BUILTINS, builtin, "built-in scenario"), Ltvcrm.lang(lang), out)
      out.read(:size_t)
    end

    # Add an empty scenario; returns its index.
    def add_scenario(name, trigger: :purchase)
      raw = name.encode(Encoding::UTF_8).b
      out = Ltvcrm.out(:size_t)
      C.ltv_planner_add_scenario(ptr, raw, raw.bytesize, Ltvcrm.code(TRIGGERS, trigger, "trigger"), out)
      out.read(:size_t)
    end

    # A scenario's index by name; NotFoundError if there is none.
    def find_scenario(name)
      raw = name.encode(Encoding::UTF_8).b
      out = Ltvcrm.out(:size_t)
      C.ltv_planner_find_scenario(ptr, raw, raw.bytesize, out)
      out.read(:size_t)
    end

    def remove_scenario(scenario)
      C.ltv_planner_remove_scenario(ptr, scenario_index(scenario))
      nil
    end

    def size = C.ltv_planner_scenario_count(ptr)

    # One scenario (by index or name) with its steps.
    def scenario(scenario)
      index = scenario_index(scenario)
      name, len, trigger, steps = Owner.out_pointer, Ltvcrm.out(:size_t), Ltvcrm.out(:int), Ltvcrm.out(:size_t)
      C.ltv_planner_scenario_info(ptr, index, name, len, trigger, steps)
      Scenario.new(index, Ltvcrm.text(name.read_pointer, len.read(:size_t)), TRIGGERS[trigger.read_int],
                   Array.new(steps.read(:size_t)) { |i| step(index, i) })
    end

    def scenarios = Array.new(size) { |i| scenario(i) }

    # Add a step at the end of a scenario; keywords as #update_step. Returns its index.
    def add_step(scenario, name, day:, channel:, stage:, action:, offer:, **conditions)
      index = scenario_index(scenario)
      raw = name.encode(Encoding::UTF_8).b
      out = Ltvcrm.out(:size_t)
      C.ltv_planner_add_step(ptr, index, raw, raw.bytesize, Ltvcrm.integer(day, "day", :int32),
                             Ltvcrm.code(CHANNELS, channel, "channel"),
                             Ltvcrm.code(STAGES, stage, "stage"), Ltvcrm.code(ACTIONS, action, "action"),
                             Ltvcrm.code(OFFERS, offer, "offer"), out)
      update_step(index, out.read(:size_t), **conditions) unless conditions.empty?
      out.read(:size_t)
    end

    # Change a step: day:, channel:, stage:, action:, offer:, states: (Symbols; [] = any),
    # ranks:, min_orders:, max_orders: (nil = no limit), before_second_purchase:,
    # min_order_value:, stop: (Symbols of STOPS), note:.
    def update_step(scenario, step, **fields)
      s = scenario_index(scenario)
      i = step_index(s, step)
      fields.each do |name, value|
        if name == :note
          raw = (value || "").encode(Encoding::UTF_8).b
          C.ltv_planner_step_set_note(ptr, s, i, raw.empty? ? nil : raw, raw.bytesize)
          next
        end
        field = STEP_FIELDS.index(name) or
          raise InvalidArgumentError, "step field #{name.inspect} is not one of #{STEP_FIELDS.join(', ')}, note"
        C.ltv_planner_step_set_i64(ptr, s, i, field, Ltvcrm.integer(field_value(name, value), name.to_s))
      end
      nil
    end

    def remove_step(scenario, step)
      s = scenario_index(scenario)
      C.ltv_planner_remove_step(ptr, s, step_index(s, step))
      nil
    end

    # One step (by index or name).
    def step(scenario, step)
      s = scenario_index(scenario)
      i = step_index(s, step)
      values = STEP_FIELDS.each_with_index.to_h do |name, field|
        out = Ltvcrm.out(:int64)
        C.ltv_planner_step_get_i64(ptr, s, i, field, out)
        [name, out.read_int64]
      end
      name, name_len, note, note_len = Owner.out_pointer, Ltvcrm.out(:size_t), Owner.out_pointer, Ltvcrm.out(:size_t)
      C.ltv_planner_step_text(ptr, s, i, name, name_len, note, note_len)
      Step.new(scenario: s, index: i, name: Ltvcrm.text(name.read_pointer, name_len.read(:size_t)),
               day: values[:day], channel: CHANNELS[values[:channel]], stage: STAGES[values[:stage]],
               action: ACTIONS[values[:action]], offer: OFFERS[values[:offer]],
               states: unmask(values[:states], STATES), ranks: unmask(values[:ranks], RANKS),
               min_orders: values[:min_orders], max_orders: values[:max_orders].negative? ? nil : values[:max_orders],
               before_second_purchase: values[:before_second_purchase] == 1,
               min_order_value: values[:min_order_value],
               stop: STOPS.select { |_, bit| values[:stop].anybits?(bit) }.keys,
               note: Ltvcrm.text(note.read_pointer, note_len.read(:size_t)),
               alive_falling: values[:alive_falling] == 1)
    end

    # The problems of the planner as a whole ([] when it can run).
    def validate
      report = Owner.out_pointer
      status = Native.ltv_planner_validate(ptr, report)
      handle = report.read_pointer
      begin
        Ltvcrm.raise_status(status) if status.negative? && status != ValidationError.status
        Array.new(C.ltv_plan_report_count(handle)) do |i|
          kind, scenario, step, line, message = Ltvcrm.out(:int), Ltvcrm.out(:size_t), Ltvcrm.out(:size_t),
                                                Ltvcrm.out(:uint32), Owner.out_pointer
          C.ltv_plan_report_problem(handle, i, kind, scenario, step, line, message)
          Problem.new(PROBLEMS[kind.read_int - 1], index_or_nil(scenario.read(:size_t)),
                      index_or_nil(step.read(:size_t)), line.read_uint32, Ltvcrm.text(message.read_pointer))
        end
      ensure
        C.ltv_plan_report_free(handle)
      end
    end

    # Run over a ledger as of a day (default: the day after its last event). With a block,
    # yields the PlanRun, closes it and returns the block's value.
    def run(ledger, as_of: nil, events: nil)
      day = ledger.as_of_day(as_of)
      out = Owner.out_pointer
      C.ltv_planner_run(out, ptr, ledger.pointer, events&.pointer, day)
      result = PlanRun.new(out.read_pointer, day, ledger, events)
      return result unless block_given?

      begin
        yield result
      ensure
        result.close
      end
    end

    # One customer's dated steps as of a day.
    def schedule(ledger, customer_id, as_of: nil, events: nil)
      day = ledger.as_of_day(as_of)
      raw = Ltvcrm.encode_id(customer_id)
      out = Owner.out_pointer
      C.ltv_planner_schedule(out, ptr, ledger.pointer, events&.pointer, raw, raw.bytesize, day)
      handle = out.read_pointer
      begin
        entries = Array.new(C.ltv_schedule_count(handle)) do |i|
          scenario, step, date, status, reason, reason_day = Ltvcrm.out(:size_t), Ltvcrm.out(:size_t),
                                                             Ltvcrm.out(:int32), Ltvcrm.out(:int), Ltvcrm.out(:int),
                                                             Ltvcrm.out(:int32)
          C.ltv_schedule_entry(handle, i, scenario, step, date, status, reason, reason_day)
          status = ENTRY_STATUSES[status.read_int]
          why = reason.read_int
          why = if why.negative? then nil
                elsif status == :skipped then STEP_FIELDS[why]
                elsif status == :stopped then STOPS.key(why)
                end
          ScheduleEntry.new(scenario.read(:size_t), step.read(:size_t), Ltvcrm.from_day(date.read_int32), status,
                            why, Ltvcrm.from_day(reason_day.read_int32))
        end
        anchors = {}
        size.times do |s|
          anchor = Ltvcrm.out(:int32)
          C.ltv_schedule_anchor(handle, s, anchor)
          anchors[s] = Ltvcrm.from_day(anchor.read_int32)
        rescue NotFoundError
          next
        end
        state, rank, orders = Ltvcrm.out(:int), Ltvcrm.out(:int), Ltvcrm.out(:int32)
        C.ltv_schedule_segment(handle, state, rank, orders)
        Schedule.new(customer_id, Ltvcrm.from_day(day), state.read_int.negative? ? :none : STATES[state.read_int],
                     rank.read_int.negative? ? :none : RANKS[rank.read_int], orders.read_int32, anchors, entries)
      ensure
        C.ltv_schedule_free(handle)
      end
    end

    # The first → second purchase gaps of the best customers: [counts per gap, customers].
    def best_gaps(ledger, as_of: nil, days: 91)
      days = Ltvcrm.integer(days, "days", :size_t)
      counts, customers = FFI::MemoryPointer.new(:uint64, days), Ltvcrm.out(:uint64)
      C.ltv_planner_best_gaps(ptr, ledger.pointer, ledger.as_of_day(as_of), counts, days, customers)
      [counts.get_array_of_uint64(0, days), customers.read_uint64]
    end

    # As #best_gaps, with the best customers from a segmentation's ranks.
    def self.best_gaps_from(segmentation, days: 91)
      days = Ltvcrm.integer(days, "days", :size_t)
      counts, customers = FFI::MemoryPointer.new(:uint64, days), Ltvcrm.out(:uint64)
      C.ltv_planner_best_gaps_segmented(segmentation.pointer, segmentation.ledger.pointer, counts, days, customers)
      [counts.get_array_of_uint64(0, days), customers.read_uint64]
    end

    # Move a step to where the best customers re-buy; returns a Placement.
    def place_step(scenario, step, gap_counts, lang: :en)
      s = scenario_index(scenario)
      i = step_index(s, step)
      gap_counts = Ltvcrm.integers(gap_counts, "gap_counts", :uint64)
      buf = FFI::MemoryPointer.new(:uint64, [gap_counts.size, 1].max)
      buf.write_array_of_uint64(gap_counts)
      day, reason, text = Ltvcrm.out(:int32), Ltvcrm.out(:int), Owner.out_pointer
      C.ltv_planner_place_step(ptr, s, i, gap_counts.empty? ? nil : buf, gap_counts.size, Ltvcrm.lang(lang), day,
                               reason, text)
      Placement.new(day.read_int32, TIMING_REASONS[reason.read_int], Planner.owned_text(text.read_pointer))
    end

    def inspect = closed? ? "#<Ltvcrm::Planner closed>" : "#<Ltvcrm::Planner scenarios=#{size}>"

    private

    def threshold_code(name)
      THRESHOLDS.index(name.to_sym) or
        raise InvalidArgumentError, "planner setting #{name.inspect} is not one of #{THRESHOLDS.join(', ')}"
    end

    def scenario_index(scenario)
      scenario.is_a?(String) ? find_scenario(scenario) : Ltvcrm.integer(scenario, "scenario", :size_t)
    end

    def step_index(scenario, step)
      return Ltvcrm.integer(step, "step", :size_t) unless step.is_a?(String)

      raw = step.encode(Encoding::UTF_8).b
      out = Ltvcrm.out(:size_t)
      C.ltv_planner_find_step(ptr, scenario, raw, raw.bytesize, out)
      out.read(:size_t)
    end

    def index_or_nil(value) = value == NO_INDEX ? nil : value

    def field_value(name, value)
      case name
      when :channel then Ltvcrm.code(CHANNELS, value, "channel")
      when :stage then Ltvcrm.code(STAGES, value, "stage")
      when :action then Ltvcrm.code(ACTIONS, value, "action")
      when :offer then Ltvcrm.code(OFFERS, value, "offer")
      when :states then mask(value, STATES, "state")
      when :ranks then mask(value, RANKS, "rank")
      when :stop
        Array(value).sum do |s|
          s.is_a?(Integer) ? s : STOPS.fetch(s.to_sym) { raise InvalidArgumentError, "stop rule #{s.inspect} is not one of #{STOPS.keys.join(', ')}" }
        end
      when :max_orders then value.nil? ? -1 : value
      when :before_second_purchase, :alive_falling then value ? 1 : 0
      else value
      end
    end

    def mask(values, names, what)
      return values if values.is_a?(Integer)

      Array(values).sum { |v| v.to_s == "none" ? NONE_BIT : 1 << Ltvcrm.code(names, v, what) }
    end

    def unmask(mask, names)
      names.each_with_index.select { |_, i| mask.anybits?(1 << i) }.map(&:first) + (mask.anybits?(NONE_BIT) ? [:none] : [])
    end
  end

  # Events the shop's platform reports (carts created, products viewed) for the cart and
  # browse scenarios. Customers need not be in the ledger.
  class PlatformEvents
    include Owner

    def initialize
      out = Owner.out_pointer
      C.ltv_plan_events_new(out)
      adopt(out.read_pointer, :ltv_plan_events_free)
    end

    def pointer = ptr

    # Add one event: kind :cart_created or :product_viewed.
    def add(customer_id, kind, day)
      raw = Ltvcrm.encode_id(customer_id)
      C.ltv_plan_events_add(ptr, raw, raw.bytesize, Ltvcrm.code(Planner::PLATFORM_EVENTS, kind, "platform event"),
                            Ltvcrm.to_day(day))
      nil
    end

    def add_cart(customer_id, day) = add(customer_id, :cart_created, day)
    def add_view(customer_id, day) = add(customer_id, :product_viewed, day)
    def size = C.ltv_plan_events_count(ptr)

    # Add the events of a CSV file (customer_id,event,date), read by the library with the
    # order log's field rules; errors name the line and column.
    def load_csv(path)
      C.ltv_plan_events_load_csv(ptr, path.to_s)
      nil
    end
  end

  # The result of running a planner over a ledger: actions due today, load per channel.
  class PlanRun
    include Owner

    attr_reader :as_of

    def initialize(pointer, as_of_day, ledger, events)
      adopt(pointer, :ltv_plan_run_free)
      @as_of = Ltvcrm.from_day(as_of_day)
      @ledger = ledger # borrowed for customer ids: keep them alive
      @events = events
    end

    def size = C.ltv_plan_run_due_count(ptr)

    # The actions due on the as-of day (DueAction), by customer, scenario and step.
    def due
      Array.new(size) do |i|
        customer, scenario, step, channel = Ltvcrm.out(:uint64), Ltvcrm.out(:size_t), Ltvcrm.out(:size_t),
                                            Ltvcrm.out(:int)
        C.ltv_plan_run_due(ptr, i, customer, scenario, step, channel)
        id, len = Owner.out_pointer, Ltvcrm.out(:size_t)
        C.ltv_plan_run_due_id(ptr, i, id, len)
        index = customer.read_uint64
        Planner::DueAction.new(index == Planner::NOT_IN_LEDGER ? nil : index, Ltvcrm.text(id.read_pointer, len.read(:size_t)),
                               scenario.read(:size_t), step.read(:size_t), Planner::CHANNELS[channel.read_int])
      end
    end

    # The due actions as Integer columns filled by one C call: { customer:, scenario:, step:, channel: }.
    def due_columns
      count = Ltvcrm.out(:size_t)
      C.ltv_plan_run_due_columns(ptr, nil, nil, nil, nil, 0, count)
      n = count.read(:size_t)
      return { customer: [], scenario: [], step: [], channel: [] } if n.zero?

      cols = { customer: FFI::MemoryPointer.new(:uint64, n), scenario: FFI::MemoryPointer.new(:uint32, n),
               step: FFI::MemoryPointer.new(:uint32, n), channel: FFI::MemoryPointer.new(:uint8, n) }
      C.ltv_plan_run_due_columns(ptr, *cols.values, n, count)
      { customer: cols[:customer].get_array_of_uint64(0, n), scenario: cols[:scenario].get_array_of_uint32(0, n),
        step: cols[:step].get_array_of_uint32(0, n), channel: cols[:channel].get_array_of_uint8(0, n) }
    end

    # Steps falling on each of the next HORIZON days (day 0 = the as-of day) for a channel.
    def load(channel)
      out = FFI::MemoryPointer.new(:uint64, Planner::HORIZON)
      C.ltv_plan_run_load(ptr, Ltvcrm.code(Planner::CHANNELS, channel, "channel"), out, Planner::HORIZON)
      out.get_array_of_uint64(0, Planner::HORIZON)
    end

    # #load of every channel.
    def loads = Planner::CHANNELS.to_h { |c| [c, load(c)] }

    def inspect = closed? ? "#<Ltvcrm::PlanRun closed>" : "#<Ltvcrm::PlanRun as_of=#{as_of} due=#{size}>"
  end
end
