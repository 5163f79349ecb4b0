/**
 * @file crm.h
 * @brief The CRM vocabulary shared by several modules: the four customer stages and the five
 * campaign elements, with their English and Japanese labels.
 *
 * Customers move through the stages from left to right: they are acquired, activated into a
 * second purchase, retained as repeat buyers and fans, and kept from leaving when they go
 * quiet. Each stage is worked with the same five elements: whom to address (segment), what
 * to offer, how to say it (creative), when, and through which channel.
 */
#ifndef LTVCRM_CRM_H
#define LTVCRM_CRM_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The four stages of the customer lifecycle, left to right. The values are part of the ABI. */
typedef enum ltv_stage {
    LTV_STAGE_ACQUISITION = 0,     /**< New-customer acquisition [新規獲得]. */
    LTV_STAGE_ACTIVATION = 1,      /**< Existing-customer activation [既存客活性]: first-time buyers. */
    LTV_STAGE_RETENTION = 2,       /**< Existing-customer retention [既存客維持]: repeat buyers and fans. */
    LTV_STAGE_CHURN_PREVENTION = 3 /**< Existing-customer churn prevention [既存客離脱防止]: dormant customers. */
} ltv_stage;

/** The five elements of a campaign. The values are part of the ABI. */
typedef enum ltv_element {
    LTV_ELEMENT_SEGMENT = 0,  /**< Whom the campaign addresses [セグメント]. */
    LTV_ELEMENT_OFFER = 1,    /**< What is offered [オファー]. */
    LTV_ELEMENT_CREATIVE = 2, /**< The message and its design [クリエイティブ]. */
    LTV_ELEMENT_TIMING = 3,   /**< When it is sent [タイミング]. */
    LTV_ELEMENT_CHANNEL = 4   /**< Through which contact point [チャネル]. */
} ltv_element;

/**
 * @brief The static label of a stage, such as "Acquisition" or "新規獲得".
 * @param stage An ::ltv_stage value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; "" for an unknown stage or language. Never NULL.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_stage_label(int stage, int lang);

/**
 * @brief The static label of a campaign element, such as "Offer" or "オファー".
 * @param element An ::ltv_element value.
 * @param lang ::LTV_LANG_EN or ::LTV_LANG_JA.
 * @return A static UTF-8 string; "" for an unknown element or language. Never NULL.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_element_label(int element, int lang);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_CRM_H */
