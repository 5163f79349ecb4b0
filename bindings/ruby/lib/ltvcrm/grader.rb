# frozen_string_literal: true

module Ltvcrm
  # The four stages of the customer lifecycle, left to right (ltv_stage).
  STAGES = %i[acquisition activation retention churn_prevention].freeze
  # The five elements of a campaign (ltv_element).
  ELEMENTS = %i[segment offer creative timing channel].freeze

  def self.crm_label(function, names, value, lang, what)
    ptr = C.send(function, code(names, value, what), self.lang(lang))
    text = ptr.null? ? "" : ptr.read_string.force_encoding(Encoding::UTF_8)
    raise InvalidArgumentError, "#{what} #{value.inspect} or language #{lang.inspect} is unknown" if text.empty?

    text
  end

  # Label of a lifecycle stage: stage_label(:acquisition, :ja) == "新規獲得".
  def self.stage_label(stage, lang = :en) = crm_label(:ltv_stage_label, STAGES, stage, lang, "stage")

  # Label of a campaign element.
  def self.element_label(element, lang = :en) = crm_label(:ltv_element_label, ELEMENTS, element, lang, "element")

  # Grade ten answers: Ltvcrm.grade("AABCDAABBA").letter == "C".
  def self.grade(answers) = Grader::Grade.new(answers)

  # The CRM maturity grader (seed 000): ten questions, a grade A/B/C and the next steps.
  module Grader
    QUESTIONS = 10
    ANSWERS = %i[a b c d].freeze
    GRADES = %i[a b c].freeze
    CAPABILITIES = %i[annual_ltv_report tenure_distribution first_second_report scenario_planner planner_channels
                      segmentation planner_next_actions planner_offers reactivation_scenario campaign_matrix].freeze
    NOTES = %i[title rule purpose].freeze
    FIGURES = %i[as_of_day customers repeat_customers first_buyers_90 second_within_90 tenure_0_99 tenure_100_199
                 tenure_200_299 tenure_300_365 tenure_over_365 year_customers year_amount annual_ltv state_new
                 state_repeat state_fan state_dormant].freeze

    # One answer other than A, worst first: the question, the matrix box, the capability, what to do.
    NextStep = Struct.new(:question, :answer, :stage, :element, :capability, :text)

    module_function

    def answer_code(value) = Ltvcrm.code(ANSWERS, value, "answer")
    # A question number for the C call (the library checks 1..10).
    def question_number(value) = Ltvcrm.integer(value, "question number", :int32)
    def grade_code(value) = Ltvcrm.code(GRADES, value, "grade")

    # The text of question 1..10.
    def question(number, lang = :en) = Ltvcrm.text(C.ltv_grader_question(question_number(number), Ltvcrm.lang(lang)))

    # A short title of a question's topic.
    def topic(number, lang = :en) = Ltvcrm.text(C.ltv_grader_topic(question_number(number), Ltvcrm.lang(lang)))

    # The text of one answer (:a..:d) to a question.
    def answer_text(number, choice, lang = :en)
      Ltvcrm.text(C.ltv_grader_answer(question_number(number), answer_code(choice), Ltvcrm.lang(lang)))
    end

    # A general text: :title, :rule or :purpose.
    def note(name, lang = :en) = Ltvcrm.text(C.ltv_grader_note(Ltvcrm.code(NOTES, name, "note"), Ltvcrm.lang(lang)))

    def grade_title(level, lang = :en) = Ltvcrm.text(C.ltv_grader_grade_title(grade_code(level), Ltvcrm.lang(lang)))

    def grade_summary(level, lang = :en)
      Ltvcrm.text(C.ltv_grader_grade_summary(grade_code(level), Ltvcrm.lang(lang)))
    end

    def grade_explanation(level, lang = :en)
      Ltvcrm.text(C.ltv_grader_grade_explanation(grade_code(level), Ltvcrm.lang(lang)))
    end

    # Where a weak answer is fixed: [stage, element, capability]; stage and element are nil for
    # a question about the whole matrix (Q10).
    def target(number)
      stage, element, capability = Array.new(3) { Ltvcrm.out(:int32) }
      C.ltv_grader_target(question_number(number), stage, element, capability)
      [*box(stage.read_int32, element.read_int32), CAPABILITIES[capability.read_int32]]
    end

    def recommendation(number, lang = :en)
      Ltvcrm.text(C.ltv_grader_recommendation(question_number(number), Ltvcrm.lang(lang)))
    end

    def capability_label(capability, lang = :en)
      Ltvcrm.text(C.ltv_grader_capability_label(Ltvcrm.code(CAPABILITIES, capability, "capability"),
                                                Ltvcrm.lang(lang)))
    end

    # One answer letter as typed at a prompt ("b", " C ", "Ｄ").
    def parse_choice(text)
      raw = text.encode(Encoding::UTF_8).b
      out = Ltvcrm.out(:int32)
      C.ltv_grader_parse_choice(raw, raw.bytesize, out)
      ANSWERS[out.read_int32]
    end

    def box(stage, element)
      stage.negative? ? [nil, nil] : [STAGES[stage], ELEMENTS[element]]
    end

    # A graded questionnaire (ltv_grade): text such as "AABCDAABBA" (lower case, fullwidth
    # letters and separators accepted) or ten answers as Symbols (:a..:d) or Integers 0..3.
    class Grade
      include Owner

      def initialize(answers)
        out = Owner.out_pointer
        if answers.is_a?(String)
          raw = answers.b
          C.ltv_grader_grade(out, raw, raw.bytesize)
        else
          values = answers.map { |a| Grader.answer_code(a) }
          buf = FFI::MemoryPointer.new(:int32, [values.size, 1].max)
          buf.write_array_of_int32(values)
          C.ltv_grader_grade_choices(out, buf, values.size)
        end
        adopt(out.read_pointer, :ltv_grade_free)
      end

      # :a, :b or :c.
      def level = GRADES[C.ltv_grade_level(ptr)]
      def letter = Ltvcrm.text(C.ltv_grade_letter(ptr))

      # The number of A answers, which alone decides the grade.
      def a_count = C.ltv_grade_a_count(ptr)

      # All ten answers as letters, such as "AABCDAABBA".
      def answers = Ltvcrm.text(C.ltv_grade_answers(ptr))

      # The answer (:a..:d) to question 1..10.
      def answer(number) = ANSWERS[C.ltv_grade_answer(ptr, Grader.question_number(number))]

      def title(lang = :en) = Ltvcrm.text(C.ltv_grade_title(ptr, Ltvcrm.lang(lang)))
      def summary(lang = :en) = Ltvcrm.text(C.ltv_grade_summary(ptr, Ltvcrm.lang(lang)))
      def explanation(lang = :en) = Ltvcrm.text(C.ltv_grade_explanation(ptr, Ltvcrm.lang(lang)))

      # The next steps, worst answer first: steps.first is the one thing to fix next.
      def steps(lang = :en)
        code = Ltvcrm.lang(lang)
        Array.new(C.ltv_grade_step_count(ptr)) do |i|
          q, a, stage, element, cap = Array.new(5) { Ltvcrm.out(:int32) }
          C.ltv_grade_step(ptr, i, q, a, stage, element, cap)
          NextStep.new(q.read_int32, ANSWERS[a.read_int32], *Grader.box(stage.read_int32, element.read_int32),
                       CAPABILITIES[cap.read_int32], Ltvcrm.text(C.ltv_grade_step_text(ptr, i, code)))
        end
      end

      # Compute the shop's own figures beside Q1, Q2, Q3 and Q6 from a ledger; returns self.
      # With config: (a SegmentConfig) Q6's states follow the segmentation's rules and
      # thresholds (ltv_grade_attach_ledger_v2); without, the 1.0 figures (180 / 5 / 365).
      def attach_ledger(ledger, as_of: nil, decimals: 0, config: nil)
        decimals = Ltvcrm.integer(decimals, "decimals", :int32)
        if config
          C.ltv_grade_attach_ledger_v2(ptr, ledger.pointer, ledger.as_of_day(as_of), decimals, config.pointer)
        else
          C.ltv_grade_attach_ledger(ptr, ledger.pointer, ledger.as_of_day(as_of), decimals)
        end
        self
      end

      # One figure by name (see FIGURES); StateError without a ledger.
      def figure(name)
        code = FIGURES.index(name.to_sym) or
          raise InvalidArgumentError, "figure #{name.inspect} is not one of #{FIGURES.join(', ')}"
        out = Ltvcrm.out(:int64)
        C.ltv_grade_figure(ptr, code, out)
        name.to_sym == :as_of_day ? Ltvcrm.from_day(out.read_int64) : out.read_int64
      end

      # Every figure by name (as_of_day as a Date).
      def figures = FIGURES.to_h { |name| [name, figure(name)] }

      # The shop's figure beside a question as a line of text; nil for questions without one.
      def figure_line(number, lang = :en)
        line = Owner.out_pointer
        C.ltv_grade_figure_line(ptr, Grader.question_number(number), Ltvcrm.lang(lang), line)
        Ltvcrm.text(line.read_pointer)
      rescue NotFoundError
        nil
      end

      def inspect = closed? ? "#<Ltvcrm::Grader::Grade closed>" : "#<Ltvcrm::Grader::Grade #{letter} #{answers}>"
    end
  end
end
