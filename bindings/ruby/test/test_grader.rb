# frozen_string_literal: true

require_relative "helper"

class TestGrader < Minitest::Test
  include TestSupport
  G = Ltvcrm::Grader

  def test_grade_from_text_and_choices
    grade = Ltvcrm.grade("AABCDAABBA")
    assert_equal [:c, "C", 5, "AABCDAABBA", :d], [grade.level, grade.letter, grade.a_count, grade.answers, grade.answer(5)]
    assert_equal "B", Ltvcrm.grade("ａａａａａ ａａａｂｃ").letter
    assert_equal "A", G::Grade.new([0] * 9 + [3]).letter
    assert_equal 5, G::Grade.new(%i[a b] * 5).a_count
    error = assert_raises(Ltvcrm::OutOfRangeError) { G::Grade.new([0] * 9 + [4]) }
    assert_match(/Q10/, error.detail)
    assert_raises(Ltvcrm::InvalidArgumentError) { G::Grade.new([0] * 9) }
  end

  def test_next_steps_worst_first
    steps = Ltvcrm.grade("AABCDAABBA").steps
    assert_equal [[5, :d], [4, :c], [3, :b], [8, :b], [9, :b]], steps.map { |s| [s.question, s.answer] }
    assert_equal %i[retention channel planner_channels], [steps[0].stage, steps[0].element, steps[0].capability]
    assert_nil Ltvcrm.grade("AAAAAAAAAD").steps.first.stage
  end

  def test_bad_answers
    error = assert_raises(Ltvcrm::ParseError) { Ltvcrm.grade("AABXDAABBA") }
    assert_match(/position 4/, error.detail)
    assert_raises(Ltvcrm::EncodingError) { Ltvcrm.grade("AAAAA\xFFAAAA".b) }
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm.grade("") }
  end

  def test_questionnaire_texts
    assert_equal "購入後90日間におけるCRMシナリオは設計されていますか?", G.question(4, :ja)
    refute_empty G.topic(1)
    refute_empty G.answer_text(1, :d, :ja)
    refute_empty G.note(:title, :ja)
    assert G.grade_title(:b).start_with?("Grade B")
    assert_includes G.grade_explanation(:a, :ja), "\n"
    assert_equal [nil, nil, :campaign_matrix], G.target(10)
    refute_empty G.capability_label(:segmentation, :ja)
    assert_equal :b, G.parse_choice("ｂ")
    assert_raises(Ltvcrm::OutOfRangeError) { G.question(11) }
    assert_raises(Ltvcrm::InvalidArgumentError) { G.question(1, :de) }
    assert_raises(Ltvcrm::ParseError) { G.parse_choice("AB") }
  end

  def test_the_shops_own_figures
    grade = Ltvcrm.grade("AABCDAABBA")
    assert_raises(Ltvcrm::StateError) { grade.figures }
    ledger = Ltvcrm::Ledger.new
    ledger.load_csv(SAMPLE_CSV, decimals: 0)
    summary = ledger.summary
    figures = grade.attach_ledger(ledger).figures
    assert_equal [summary.as_of, summary.customers, summary.repeat_customers],
                 figures.values_at(:as_of_day, :customers, :repeat_customers)
    assert_equal summary.customers, figures.values_at(:state_new, :state_repeat, :state_fan, :state_dormant).sum
    assert grade.figure_line(3).start_with?("Repeat rate")
    assert_nil grade.figure_line(4)
  end

  def test_stage_and_element_labels
    assert_equal "新規獲得", Ltvcrm.stage_label(:acquisition, :ja)
    assert_equal "Offer", Ltvcrm.element_label(:offer)
    assert_raises(Ltvcrm::InvalidArgumentError) { Ltvcrm.stage_label(7) }
  end
end
