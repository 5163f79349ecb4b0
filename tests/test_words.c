/* One table of words per vocabulary: the keywords of states, ranks and channels are the ones
 * the planner's text format, the health JSON and the tool print, and the labels did not move. */
#include <criterion/criterion.h>
#include <string.h>

#include <ltvcrm/ltvcrm.h>

Test(words, state_and_rank_keywords_and_labels) {
    static const char *const states[] = {"no_order", "new", "repeat", "fan", "dormant"};
    static const char *const state_en[] = {"none", "new", "repeat", "fan", "dormant"};
    static const char *const ranks[] = {"no_rank", "excellent", "semi_excellent", "general", "nurture"};
    static const char *const rank_en[] = {"no rank", "excellent", "semi-excellent", "general", "nurture"};
    for (int v = -1; v < 4; v++) {
        cr_assert_str_eq(ltv_state_keyword(v), states[v + 1]);
        cr_assert_str_eq(ltv_state_label(v, LTV_LANG_EN), state_en[v + 1]);
        cr_assert_str_eq(ltv_rank_keyword(v), ranks[v + 1]);
        cr_assert_str_eq(ltv_rank_label(v, LTV_LANG_EN), rank_en[v + 1]);
        /* the planner's vocabulary is the same table */
        cr_assert_eq(ltv_planner_keyword(LTV_PLAN_VOCAB_STATE, v), ltv_state_keyword(v));
        cr_assert_eq(ltv_planner_keyword(LTV_PLAN_VOCAB_RANK, v), ltv_rank_keyword(v));
        cr_assert_null(ltv_planner_label(LTV_PLAN_VOCAB_STATE, v, LTV_LANG_EN));
    }
    cr_assert_str_eq(ltv_state_label(LTV_STATE_NONE, LTV_LANG_JA), "なし");
    cr_assert_str_eq(ltv_rank_label(LTV_RANK_SEMI_EXCELLENT, LTV_LANG_JA), "準優良顧客");
    cr_assert_null(ltv_state_keyword(4));
    cr_assert_eq(ltv_last_status(), LTV_EINVAL);
    cr_assert_null(ltv_rank_keyword(-2));
    cr_assert_null(ltv_state_label(4, LTV_LANG_EN));
    cr_assert_null(ltv_rank_label(0, 2));
}

Test(words, channel_keywords) {
    for (int c = 0; c < LTV_CHANNEL_COUNT; c++)
        cr_assert_eq(ltv_channel_keyword(c), ltv_planner_keyword(LTV_PLAN_VOCAB_CHANNEL, c));
    cr_assert_str_eq(ltv_channel_keyword(LTV_CHANNEL_PACKAGE_INSERT), "package_insert");
    cr_assert_null(ltv_channel_keyword(LTV_CHANNEL_COUNT));
    cr_assert_eq(ltv_last_status(), LTV_EINVAL);
}
