/**
 * @file csv.h
 * @brief Loading order logs from CSV files into a ledger, with a report of every bad row.
 *
 * The canonical layout is a header line naming the columns, then one event per line:
 *
 *     customer_id,order_date,amount,items,kind
 *     C001,2026-01-05,"1,980",2,order
 *
 * Columns are found by header name (ASCII case-insensitive, surrounding spaces ignored) and
 * can be mapped to the names a shop's export uses with ltv_csv_options_set_column().
 * `customer_id`, `order_date` and `amount` are required; `items` (default 1 per order) and
 * `kind` (default `order`) are optional; other columns are ignored.
 *
 * Accepted: a UTF-8 byte order mark, LF, CRLF or lone CR line ends, quoted fields with embedded
 * commas, line breaks and doubled quotes; dates as `YYYY-MM-DD` or `YYYY/MM/DD` (one-digit
 * month and day allowed, a time of day ignored); amounts with an optional sign, an optional
 * currency sign (`¥`, `￥`, `$`), thousands separators in groups of three and up to the
 * configured number of decimals (default 2; 0 for yen; further decimals must be zeros).
 * Kinds: `order` (also `purchase`, 注文, 購入), `refund` (`return`, 返品, 返金), `visit`
 * (`use`, 利用, 来店), `cancel` (退会, 解約). A negative order amount is taken as a refund.
 * Blank lines are skipped and counted.
 *
 * **Shop exports** (since 1.1): an order-id column makes the lines of one order one order,
 * a status column decides which orders count, are excluded or refunded, and rows without a
 * customer can be counted apart; these columns and knobs are read only when set, so a 1.0
 * caller sees no change. See docs/orders-from-lines.md.
 *
 * Every data row is either taken, excluded (since 1.1: by status or as "no customer") or
 * reported: rows read = taken + excluded + rejected. A bad row is rejected with its line, column
 * and reason (the first ::LTV_CSV_MAX_ERRORS of them are kept, all are counted) and the
 * good rows are kept. Problems with the whole file end the load with an error and leave the
 * ledger unchanged: an unreadable file (::LTV_EIO), a missing column (::LTV_EFORMAT) and
 * text that is not UTF-8, such as a Shift_JIS export (::LTV_EENCODING).
 */
#ifndef LTVCRM_CSV_H
#define LTVCRM_CSV_H

#include "common.h"
#include "ledger.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque loader options. */
typedef struct ltv_csv_options ltv_csv_options;
/** Opaque report of one load: row counts and the bad rows. */
typedef struct ltv_load_report ltv_load_report;

/** The columns the loader knows, for ltv_csv_options_set_column(). Values are ABI. */
typedef enum ltv_csv_column {
    LTV_CSV_CUSTOMER_ID = 0, /**< Header `customer_id`, required. */
    LTV_CSV_ORDER_DATE = 1,  /**< Header `order_date`, required. */
    LTV_CSV_AMOUNT = 2,      /**< Header `amount`, required. */
    LTV_CSV_ITEMS = 3,       /**< Header `items`, optional (1 per order). */
    LTV_CSV_KIND = 4,        /**< Header `kind`, optional (`order`). */
    /* The columns below are read only when mapped with ltv_csv_options_set_column() (their
     * default names are given for messages): a 1.0 file that happens to have such a column
     * loads as it always did. See docs/orders-from-lines.md. */
    LTV_CSV_ORDER_ID = 5,      /**< `order_id`: lines with the same id form one order. @since 1.1 */
    LTV_CSV_ORDER_TOTAL = 6,   /**< `order_total`: the order's amount, counted once per order. @since 1.1 */
    LTV_CSV_STATUS = 7,        /**< `status`: the order's status, mapped to an ::ltv_csv_status_rule. @since 1.1 */
    LTV_CSV_REFUND_AMOUNT = 8, /**< `refund_amount`: money refunded on a partially refunded order. @since 1.1 */
    LTV_CSV_SHIPPING = 9,      /**< `shipping`: order-level, added to the sum of line amounts. @since 1.1 */
    LTV_CSV_DISCOUNT = 10,     /**< `discount`: order-level, subtracted (whatever its sign). @since 1.1 */
    LTV_CSV_EMAIL = 11,        /**< `email`: the customer key of guests (::LTV_CSV_GUESTS_BY_EMAIL). @since 1.1 */
    /* Customer tables (ltv_customer_table_load_csv()): found by their default names there, never
     * read by ltv_ledger_load_csv(). */
    LTV_CSV_ORDERS = 12,          /**< Customer tables: header `orders`, required. @since 1.1 */
    LTV_CSV_RECENCY_DAYS = 13,    /**< Customer tables: header `recency_days` (this or the last order date). @since 1.1 */
    LTV_CSV_LAST_ORDER_DATE = 14, /**< Customer tables: header `last_order_date` (this or the recency). @since 1.1 */
    LTV_CSV_REVENUE = 15          /**< Customer tables: header `revenue`, required. @since 1.1 */
} ltv_csv_column;

/** Integer options, for ltv_csv_options_set_i64(). Values are ABI. */
typedef enum ltv_csv_param {
    LTV_CSV_DECIMALS = 0,   /**< Decimals in amounts, 0..6; default 2. */
    LTV_CSV_MAX_ERRORS = 1, /**< Bad rows kept in the report, 0..1000000; default 100. */
    LTV_CSV_DELIMITER = 2,  /**< Field separator byte: ',' (default), ';', '\\t' or '|'. */
    LTV_CSV_STRICT = 3,     /**< 1: the first bad row ends the load with ::LTV_EPARSE; default 0. */
    /** Rows without a customer key: an ::ltv_csv_guests value; default ::LTV_CSV_GUESTS_AS_IDS. @since 1.1 */
    LTV_CSV_GUESTS = 4,
    /** 1: a customer's orders of one day are one purchase occasion, amounts and items summed; default 0. @since 1.1 */
    LTV_CSV_OCCASIONS = 5,
    /** 1: a load that takes no order, or rejects more than ::LTV_CSV_MAX_REJECTED_BP of its rows, fails
     * with ::LTV_EVALIDATION; default 0 (as 1.0: success whatever was rejected). @since 1.1 */
    LTV_CSV_CHECKS = 6,
    /** The share of rejected rows ::LTV_CSV_CHECKS allows, in basis points 0..10000; default 500 (5 %). @since 1.1 */
    LTV_CSV_MAX_REJECTED_BP = 7,
    /** Longest record in bytes, 1024..2^30; default 1 MiB. A longer one ends the load with ::LTV_EPARSE. @since 1.1 */
    LTV_CSV_MAX_RECORD = 8,
    /** 1 (default): statuses not mapped by the caller are looked up in the built-in vocabulary; 0: only the
     * caller's mapping. @since 1.1 */
    LTV_CSV_STATUS_BUILTIN = 9
} ltv_csv_param;

/** Values of ::LTV_CSV_GUESTS. Values are ABI. @since 1.1 */
typedef enum ltv_csv_guests {
    /** As 1.0: every non-empty id is a customer (`0` too); an empty id is a rejected row. */
    LTV_CSV_GUESTS_AS_IDS = 0,
    /** An empty id or a placeholder (`0`, `-`, `guest`, …: ltv_csv_options_add_no_customer_id()) marks
     * a row with no customer: counted in the report as "no customer", never merged into one customer. */
    LTV_CSV_GUESTS_NO_CUSTOMER = 1,
    /** As ::LTV_CSV_GUESTS_NO_CUSTOMER, but such a row is keyed by its normalised e-mail (::LTV_CSV_EMAIL:
     * spaces cut, ASCII letters lower-cased, must hold an `@`) when it has one. */
    LTV_CSV_GUESTS_BY_EMAIL = 2
} ltv_csv_guests;

/** What an order's status means, for ltv_csv_options_map_status(). Values are ABI. @since 1.1 */
typedef enum ltv_csv_status_rule {
    LTV_STATUS_COUNTED = 0,   /**< A purchase (paid, shipped, completed, 発送済み, …). */
    LTV_STATUS_EXCLUDED = 1,  /**< No purchase (cancelled, voided, pending, failed, test, キャンセル, 入金待ち, …):
                                   its rows are counted as excluded, per status value, not as errors. */
    LTV_STATUS_REFUNDED = 2,  /**< A purchase refunded in full: an order and a refund of its whole amount. */
    LTV_STATUS_PARTLY_REFUNDED = 3 /**< An order and a refund of ::LTV_CSV_REFUND_AMOUNT. */
} ltv_csv_status_rule;

/** Why a row was rejected, from ltv_load_report_error(). Values are ABI. */
typedef enum ltv_row_error {
    LTV_ROW_FIELD_COUNT = 1, /**< Fewer fields than the header needs, or more than it has. */
    LTV_ROW_EMPTY_ID = 2,    /**< The customer id is empty. */
    LTV_ROW_ID_TOO_LONG = 3, /**< The customer id is longer than ::LTV_ID_MAX. */
    LTV_ROW_BAD_DATE = 4,    /**< The date is not a date. */
    LTV_ROW_BAD_AMOUNT = 5,  /**< The amount is not a number, or has too many decimals. */
    LTV_ROW_BAD_ITEMS = 6,   /**< The item count is not a whole number in range. */
    LTV_ROW_BAD_KIND = 7,    /**< The kind is not one of the known kinds. */
    LTV_ROW_BAD_QUOTE = 8,   /**< A quote is not closed, or text follows a closing quote. */
    LTV_ROW_OUT_OF_RANGE = 9, /**< A value is outside the ledger's bounds. */
    LTV_ROW_BAD_STATUS = 10,     /**< The status is not mapped (map it with ltv_csv_options_map_status()). @since 1.1 */
    LTV_ROW_ORDER_CONFLICT = 11, /**< A line disagrees with an earlier line of its order (customer, day, total,
                                      shipping, discount, refund amount or status). @since 1.1 */
    LTV_ROW_NUL_BYTE = 12,       /**< A field holds a NUL byte. @since 1.1 */
    LTV_ROW_BAD_ORDER = 13,      /**< The order as a whole is wrong (no total on any line, a negative sum, a refund
                                      above its amount, a partial refund without an amount); all its lines are
                                      rejected, the message is on its first line. @since 1.1 */
    LTV_ROW_EMPTY_ORDER_ID = 14, /**< The order id is empty. @since 1.1 */
    LTV_ROW_DUPLICATE_ID = 15,   /**< Customer tables: the customer has a row already. @since 1.1 */
    LTV_ROW_BAD_COUNT = 16       /**< Customer tables: orders or recency days are not a whole number in range. @since 1.1 */
} ltv_row_error;

/** Number of ::ltv_row_error values plus one, for ltv_load_report_rows_rejected_for(). @since 1.1 */
#define LTV_ROW_ERROR_LIMIT 17

/**
 * @brief Create loader options with the defaults.
 * @param[out] out Receives the options; release them with ltv_csv_options_free().
 * @return ::LTV_OK; ::LTV_EINVAL if @p out is NULL; ::LTV_ENOMEM.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API int ltv_csv_options_new(ltv_csv_options **out);

/**
 * @brief Release loader options.
 * @param opts The options, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the options during the call.
 */
LTV_API void ltv_csv_options_free(ltv_csv_options *opts);

/**
 * @brief Set the header name under which a column is found.
 * @param opts The options.
 * @param column An ::ltv_csv_column value.
 * @param name The header text, UTF-8 (compared ASCII case-insensitively, spaces trimmed).
 * @param len Its length in bytes, 1..256.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown column; ::LTV_ERANGE for
 * an empty or overlong name; ::LTV_EENCODING if the name is not UTF-8; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the options: no concurrent use.
 */
LTV_API int ltv_csv_options_set_column(ltv_csv_options *opts, int column, const char *name, size_t len);

/**
 * @brief Set an integer option.
 * @param opts The options.
 * @param param An ::ltv_csv_param value.
 * @param value The value, within the bounds given for the parameter.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL options or an unknown parameter; ::LTV_ERANGE for a
 * value out of bounds (the message gives them).
 * @par Thread safety
 * Modifies the options: no concurrent use.
 */
LTV_API int ltv_csv_options_set_i64(ltv_csv_options *opts, int param, int64_t value);

/**
 * @brief Progress callback for long loads.
 * @param user_data The pointer given to ltv_csv_options_set_progress().
 * @param bytes_done Bytes of input processed so far.
 * @param bytes_total Size of the input in bytes (0 if unknown).
 * @return 0 to go on; any other value stops the load with ::LTV_ESTATE ("cancelled").
 */
typedef int (*ltv_progress_fn)(void *user_data, uint64_t bytes_done, uint64_t bytes_total);

/**
 * @brief Have the loader report its progress as it reads: after the first chunk (4 MiB), then
 * at least every 16 MiB of input, and once at the end.
 * @param opts The options.
 * @param progress The callback, or NULL to remove it. It runs on the loading thread.
 * @param user_data Passed to the callback unchanged.
 * @return ::LTV_OK; ::LTV_EINVAL if @p opts is NULL.
 * @par Thread safety
 * Modifies the options: no concurrent use.
 */
LTV_API int ltv_csv_options_set_progress(ltv_csv_options *opts, ltv_progress_fn progress, void *user_data);

/**
 * @brief Read an integer option.
 * @param opts The options.
 * @param param An ::ltv_csv_param value.
 * @param[out] out_value Receives the value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown parameter.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_csv_options_get_i64(const ltv_csv_options *opts, int param, int64_t *out_value);

/**
 * @brief The name of a setting, such as "LTV_CSV_DECIMALS", and its bounds: what
 * ltv_csv_options_set_i64() accepts, for programs that show or check settings before setting them.
 * ::LTV_CSV_DELIMITER takes only `,` `;` tab and `|`: its bounds are the smallest and largest
 * of those.
 * @param param An ::ltv_csv_param value.
 * @param[out] out_min Receives the smallest allowed value (may be NULL).
 * @param[out] out_max Receives the largest allowed value (may be NULL).
 * @return A static string; NULL (::LTV_EINVAL recorded) for an unknown parameter.
 * @par Thread safety
 * Safe to call from any thread.
 */
LTV_API const char *ltv_csv_param_info(int param, int64_t *out_min, int64_t *out_max);

/**
 * @brief Map a status value to what it means, for the ::LTV_CSV_STATUS column.
 *
 * Values are compared after normalising both sides: surrounding spaces cut, ASCII letters
 * lower-cased, and `-`, `_` and spaces treated as one (so `Partially refunded` maps
 * `partially_refunded` too). A caller's mapping wins over the built-in vocabulary; mapping
 * a value again replaces its rule.
 * @param opts The options.
 * @param value The status as the export writes it, UTF-8.
 * @param len Its length in bytes, 1..256.
 * @param rule An ::ltv_csv_status_rule value.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments or an unknown rule; ::LTV_ERANGE for an
 * empty or overlong value; ::LTV_EENCODING if it is not UTF-8; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the options: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_csv_options_map_status(ltv_csv_options *opts, const char *value, size_t len, int rule);

/**
 * @brief What a status value means under these options (the caller's mapping, then the
 * built-in vocabulary unless ::LTV_CSV_STATUS_BUILTIN is 0).
 * @param opts The options, or NULL for the defaults.
 * @param value The status text.
 * @param len Its length in bytes.
 * @param[out] out_rule Receives an ::ltv_csv_status_rule value.
 * @return ::LTV_OK; ::LTV_EINVAL for a NULL @p value or @p out_rule; ::LTV_ENOTFOUND if the
 * value is not mapped.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API int ltv_csv_status_rule_of(const ltv_csv_options *opts, const char *value, size_t len, int *out_rule);

/**
 * @brief Add a placeholder customer id that means "no customer" (with ::LTV_CSV_GUESTS
 * other than ::LTV_CSV_GUESTS_AS_IDS). The defaults are `0`, `-`, `guest`, `ゲスト` and `非会員`,
 * compared ASCII case-insensitively; an empty id always means no customer.
 * @param opts The options.
 * @param text The placeholder, UTF-8.
 * @param len Its length in bytes, 1..256.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL arguments; ::LTV_ERANGE for an empty or overlong
 * text or more than 64 placeholders; ::LTV_EENCODING; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the options: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_csv_options_add_no_customer_id(ltv_csv_options *opts, const char *text, size_t len);

/**
 * @brief Forget every placeholder id, the defaults included (an empty id still means no customer).
 * @param opts The options.
 * @return ::LTV_OK; ::LTV_EINVAL if @p opts is NULL.
 * @par Thread safety
 * Modifies the options: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_csv_options_clear_no_customer_ids(ltv_csv_options *opts);

/**
 * @brief Load a CSV file into a ledger.
 *
 * Good rows are added to @p ledger; bad rows are reported. The whole file is read before
 * anything is added, so a load that fails leaves the ledger as it was.
 * @param ledger The ledger that receives the events.
 * @param path The file's path.
 * @param opts Options, or NULL for the defaults.
 * @param[out] out_report Receives the report (release with ltv_load_report_free()), or NULL
 * if the caller does not want it. Also written when the load fails after the file was
 * opened, so that the caller can show what was read.
 * @return ::LTV_OK when the file was read (even if rows were rejected: see the report);
 * ::LTV_EINVAL for NULL arguments; ::LTV_EIO if the file cannot be read; ::LTV_EFORMAT for a
 * missing header or column; ::LTV_EENCODING for text that is not UTF-8; ::LTV_EPARSE for the
 * first bad row in strict mode; ::LTV_ERANGE or ::LTV_EOVERFLOW if the ledger's limits are
 * exceeded; ::LTV_ENOMEM.
 * @par Thread safety
 * Modifies the ledger: no concurrent use of it. Different ledgers can be loaded at once.
 */
LTV_API int ltv_ledger_load_csv(ltv_ledger *ledger, const char *path, const ltv_csv_options *opts,
                                ltv_load_report **out_report);

/**
 * @brief Load CSV text held in memory; otherwise as ltv_ledger_load_csv().
 * @param ledger The ledger that receives the events.
 * @param data The text (need not be NUL-terminated; may contain any bytes).
 * @param len Its length in bytes.
 * @param opts Options, or NULL for the defaults.
 * @param[out] out_report Receives the report, or NULL.
 * @return As ltv_ledger_load_csv(), without ::LTV_EIO.
 * @par Thread safety
 * Modifies the ledger: no concurrent use of it.
 */
LTV_API int ltv_ledger_load_csv_buffer(ltv_ledger *ledger, const char *data, size_t len,
                                       const ltv_csv_options *opts, ltv_load_report **out_report);

/**
 * @brief Release a load report.
 * @param report The report, or NULL (no-op).
 * @par Thread safety
 * No other thread may use the report during the call.
 */
LTV_API void ltv_load_report_free(ltv_load_report *report);

/**
 * @brief Data rows read (every line after the header that is not blank).
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_load_report_rows_read(const ltv_load_report *report);

/**
 * @brief Rows taken into the ledger.
 * @param report The report, or NULL (returns 0).
 * @return The count; rows read = taken + rejected.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_load_report_rows_taken(const ltv_load_report *report);

/**
 * @brief Rows rejected, all of them (also those beyond the kept list).
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_load_report_rows_rejected(const ltv_load_report *report);

/**
 * @brief Blank lines skipped.
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_load_report_blank_lines(const ltv_load_report *report);

/**
 * @brief Bytes of input read.
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API uint64_t ltv_load_report_bytes(const ltv_load_report *report);

/**
 * @brief Rows excluded, not errors: orders whose status is ::LTV_STATUS_EXCLUDED and rows with no
 * customer. Rows read = taken + excluded + rejected.
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API uint64_t ltv_load_report_rows_excluded(const ltv_load_report *report);

/**
 * @brief Of the excluded rows, those with no customer (see ::LTV_CSV_GUESTS).
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API uint64_t ltv_load_report_rows_no_customer(const ltv_load_report *report);

/**
 * @brief Orders with no customer, and their amount in minor units (what the shop sold to guests).
 * @param report The report, or NULL (writes 0).
 * @param[out] out_orders Receives the number of orders (may be NULL).
 * @param[out] out_amount Receives their amount (may be NULL).
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API void ltv_load_report_no_customer(const ltv_load_report *report, uint64_t *out_orders, int64_t *out_amount);

/**
 * @brief Rows rejected for one reason.
 * @param report The report, or NULL (returns 0).
 * @param reason An ::ltv_row_error value (others return 0).
 * @return The count; the counts of all reasons add up to ltv_load_report_rows_rejected().
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API uint64_t ltv_load_report_rows_rejected_for(const ltv_load_report *report, int reason);

/**
 * @brief Orders taken, and the lines (rows) they were formed from. Without an order-id
 * column each order row is one order. With ::LTV_CSV_OCCASIONS the ledger holds fewer orders:
 * these are the orders before same-day orders were combined.
 * @param report The report, or NULL (writes 0).
 * @param[out] out_orders Receives the number of orders (may be NULL).
 * @param[out] out_lines Receives the number of lines they were formed from (may be NULL).
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API void ltv_load_report_orders(const ltv_load_report *report, uint64_t *out_orders, uint64_t *out_lines);

/**
 * @brief Number of status values whose rows were excluded (one entry per value as written).
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API size_t ltv_load_report_exclusion_count(const ltv_load_report *report);

/**
 * @brief One status value whose rows were excluded, in the order first seen.
 * @param report The report.
 * @param i 0..ltv_load_report_exclusion_count() − 1.
 * @param[out] out_value Receives the value as written, borrowed, NUL-terminated, valid while
 * the report lives (may be NULL).
 * @param[out] out_rows Receives the number of rows excluded under it (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL if @p report is NULL; ::LTV_ERANGE for @p i out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 * @since 1.1
 */
LTV_API int ltv_load_report_exclusion(const ltv_load_report *report, size_t i, const char **out_value,
                                      uint64_t *out_rows);

/**
 * @brief Number of bad rows kept in the report (at most ::LTV_CSV_MAX_ERRORS).
 * @param report The report, or NULL (returns 0).
 * @return The count.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API size_t ltv_load_report_error_count(const ltv_load_report *report);

/**
 * @brief One kept bad row.
 * @param report The report.
 * @param i 0..ltv_load_report_error_count() − 1, in file order.
 * @param[out] out_line Receives the 1-based line where the row starts (may be NULL).
 * @param[out] out_column Receives the 1-based field number, 0 for the whole row (may be NULL).
 * @param[out] out_reason Receives an ::ltv_row_error value (may be NULL).
 * @param[out] out_message Receives a borrowed message naming the column and value, valid
 * while the report lives (may be NULL).
 * @return ::LTV_OK; ::LTV_EINVAL if @p report is NULL; ::LTV_ERANGE for @p i out of range.
 * @par Thread safety
 * Read-only: safe with other readers.
 */
LTV_API int ltv_load_report_error(const ltv_load_report *report, size_t i, uint64_t *out_line,
                                  uint32_t *out_column, int *out_reason, const char **out_message);

/**
 * @brief Set the encoding of the input; it is converted to UTF-8 as it streams in.
 *
 * Without this setting the input is UTF-8 (a UTF-8 byte order mark is skipped), and a file
 * that starts with a UTF-16 byte order mark (FF FE or FE FF, what Excel's "Unicode text"
 * writes) is read as UTF-16. With an encoding named, a byte order mark that contradicts it
 * ends the load with ::LTV_EENCODING and a message saying what the file is. Conversion uses
 * the C library's iconv. Bytes that are not valid in the encoding end the load with
 * ::LTV_EENCODING and a message giving the line, the character within it, the byte offset
 * and the bad bytes.
 * @param opts The options.
 * @param name `utf-8`; `cp932` (also `shift_jis`, `sjis`, `windows-31j`, `ms932`: read as
 * CP932, the Shift_JIS that Windows, Excel and Japanese carts write); `euc-jp` (read as
 * eucJP-ms); `utf-16` (the byte order mark decides, little-endian without one), `utf-16le`,
 * `utf-16be`. ASCII case-insensitive. NULL or "" restores the default.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL @p opts or an unknown name (the message lists the
 * known ones).
 * @par Thread safety
 * Modifies the options: no concurrent use.
 */
LTV_API int ltv_csv_options_set_encoding(ltv_csv_options *opts, const char *name);

/**
 * @brief Set the shop's time zone, which decides the calendar day of each order.
 *
 * The rule (see timezone.h): a date with a time and a UTC offset (`2025-01-07 02:17:05 +0900`,
 * `2025-01-06T17:30:00Z`) is converted to this zone and its day there is the order's day; a
 * date without an offset is taken as the shop's local time (its date as written). Without a
 * zone (the default) every date counts as written.
 * @param opts The options.
 * @param name An IANA zone name (`Asia/Tokyo`), `UTC` or a fixed offset (`+09:00`), as
 * ltv_timezone_open() takes it; NULL or "" removes the zone.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL @p opts or a malformed name; ::LTV_ENOTFOUND for a
 * zone the system's time-zone database does not have; ::LTV_EFORMAT or ::LTV_EIO for an
 * unreadable zone file; ::LTV_ENOMEM. On failure the options keep their previous zone.
 * @par Thread safety
 * Modifies the options: no concurrent use.
 */
LTV_API int ltv_csv_options_set_timezone(ltv_csv_options *opts, const char *name);

/** What ltv_csv_preset_about() tells about a preset. Values are ABI. @since 1.1 */
typedef enum ltv_csv_preset_info {
    LTV_PRESET_PLATFORM = 0, /**< The platform and the export the preset reads ("Shopify: Orders > Export"). */
    LTV_PRESET_SOURCE = 1,   /**< The address of the help page that describes the export's columns. */
    LTV_PRESET_WARNING = 2   /**< What the export cannot tell (Amazon: who the buyer is), or NULL. */
} ltv_csv_preset_info;

/**
 * @brief Set the options that read one platform's order export as it is downloaded.
 *
 * A preset is a list of ordinary settings, applied in this call through the setters above:
 * header names of the columns (customer id, date, items, order id, order total, status,
 * refund amount, e-mail), decimals, separator, the guests rule, purchase occasions, encoding and
 * time zone; statuses are read through the built-in vocabulary. Settings made after the preset
 * override it (`--preset shopify --decimals 0`); settings made before it that the preset also
 * makes are replaced. docs/platforms/NAME.md lists each preset's settings and its source.
 * @param opts The options.
 * @param name One of the names ltv_csv_preset_name() lists: `shopify`, `woocommerce`, `eccube`,
 * `rakuten`, `amazon`.
 * @return ::LTV_OK; ::LTV_EINVAL for NULL @p opts or an unknown name (the message lists the
 * known ones); ::LTV_ENOTFOUND if the preset's time zone is missing from the system's time-zone
 * database; ::LTV_ENOMEM. On failure the options may be partly set.
 * @par Thread safety
 * Modifies the options: no concurrent use.
 * @since 1.1
 */
LTV_API int ltv_csv_options_preset(ltv_csv_options *opts, const char *name);

/**
 * @brief Number of platform presets.
 * @return The count (at least 5).
 * @par Thread safety
 * Safe to call from any thread.
 * @since 1.1
 */
LTV_API size_t ltv_csv_preset_count(void);

/**
 * @brief The name of a preset, for ltv_csv_options_preset().
 * @param i 0..ltv_csv_preset_count() − 1.
 * @return A static string, or NULL for @p i out of range.
 * @par Thread safety
 * Safe to call from any thread.
 * @since 1.1
 */
LTV_API const char *ltv_csv_preset_name(size_t i);

/**
 * @brief What a preset reads, where its format is documented, and what it cannot tell.
 * @param name A preset name.
 * @param what An ::ltv_csv_preset_info value.
 * @return A static UTF-8 string; NULL for an unknown name or value, or when the preset has no
 * warning. Programs should show the warning next to results loaded with the preset.
 * @par Thread safety
 * Safe to call from any thread.
 * @since 1.1
 */
LTV_API const char *ltv_csv_preset_about(const char *name, int what);

/**
 * @brief Load customers with their aggregates from a CSV file into a customer table.
 *
 * One row per customer: `customer_id`, `orders`, `revenue` (money, with the options'
 * decimals) and either `recency_days` (days since the last order, as R's
 * `rfm_table_customer()` takes it) or `last_order_date` (a date); other header names are
 * mapped with ltv_csv_options_set_column() (::LTV_CSV_ORDERS …). Every row is taken or
 * reported, as by ltv_ledger_load_csv(); a customer who has a row already (in the file or in
 * the table) is rejected with ::LTV_ROW_DUPLICATE_ID. The table changes only when the whole
 * file was read.
 * @param table The table to add to.
 * @param path The file.
 * @param opts Options, or NULL for the defaults.
 * @param[out] out_report Receives the load report (may be NULL); release with
 * ltv_load_report_free().
 * @return As ltv_ledger_load_csv(); ::LTV_EFORMAT also when the header has both or neither of
 * `recency_days` and `last_order_date`.
 * @par Thread safety
 * Modifies the table: no concurrent use of it.
 * @since 1.1
 */
LTV_API int ltv_customer_table_load_csv(ltv_customer_table *table, const char *path, const ltv_csv_options *opts,
                                        ltv_load_report **out_report);

#ifdef __cplusplus
}
#endif

#endif /* LTVCRM_CSV_H */
