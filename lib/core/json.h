/*
 * A small JSON reader for the library's own file formats (no dependencies). It builds a
 * tree in which every value and member name remembers its line and column, so that the
 * loaders built on it can name the exact place of every problem. Internal to the library.
 */
#ifndef LTVCRM_JSON_H
#define LTVCRM_JSON_H

#include "internal.h"

typedef enum ltv__json_type {
    LTV__JSON_NULL,
    LTV__JSON_FALSE,
    LTV__JSON_TRUE,
    LTV__JSON_NUMBER,
    LTV__JSON_STRING,
    LTV__JSON_ARRAY,
    LTV__JSON_OBJECT
} ltv__json_type;

typedef struct ltv__json ltv__json;
struct ltv__json {
    ltv__json_type type;
    uint32_t line, column;         /* where the value starts (1-based, characters) */
    char *key;                     /* member name inside an object (decoded, NUL-terminated), else NULL */
    size_t key_len;
    uint32_t key_line, key_column; /* where the member name starts */
    char *text;                    /* a string's decoded UTF-8 or a number's literal, NUL-terminated */
    size_t len;
    ltv__json *children;           /* array items or object members, in input order */
    size_t count;
};

/* Deepest nesting of arrays and objects the reader accepts. */
#define LTV__JSON_MAX_DEPTH 64

/* Parse one JSON value (RFC 8259; a leading UTF-8 BOM is skipped; duplicate member names
 * are rejected). Failures go through ltv__fail with "<what>: line L, column C: ...":
 * LTV_EENCODING for bytes that are not UTF-8, LTV_EPARSE for malformed JSON, LTV_ENOMEM. */
int ltv__json_parse(const char *what, const char *data, size_t len, ltv__json **out);
void ltv__json_free(ltv__json *root);

/* True if an object member's name is exactly `name` (names may hold NUL bytes). */
bool ltv__json_key_is(const ltv__json *member, const char *name);
/* The member of an object with this name, or NULL. */
const ltv__json *ltv__json_member(const ltv__json *object, const char *key);
/* A whole number in int64 range (no fraction, no exponent). */
bool ltv__json_int64(const ltv__json *value, int64_t *out);
/* Lower-case name of a type, for messages ("a string", "an object"). */
const char *ltv__json_type_name(ltv__json_type type);

#endif
