/* SPDX-License-Identifier: BSD-2-Clause OR GPL-2.0-or-later */
/*
 * The .fv interpreter (format 1, docs/vectors.md): lexer, world blocks, and
 * the steps of each case, run as they are read.
 *
 * The file is read one line at a time straight out of the caller's buffer;
 * nothing is copied and nothing is allocated. A `case` line ends the previous
 * case and builds a fresh instance of the last world; each step after it runs
 * as soon as it has been parsed, so a file of any length costs the same
 * memory. A step is always parsed completely before it acts, so a malformed
 * line never half-runs.
 *
 * Choices where docs/vectors.md leaves room (each also noted where it is made):
 *   - `expect V ...`: a bare leading value is x0, compared in all 64 bits
 *     (vectors.md: shorthand for `expect x0=V`). In `expect-secure` a bare
 *     leading value compares w0, as vectors.md says.
 *   - A w operand takes a value that fits in 32 bits, unsigned or as a
 *     sign-extended negative (w2=DENIED, w1=-1); anything wider is an error.
 *   - A `$name` that the case has not saved, `expect` before any call, a
 *     register listed twice and duplicate keys are malformed lines.
 *   - After a failure the rest of the case is still parsed (so a malformed
 *     line is always reported) but not run.
 *   - `desc` without `version=` uses the version the last FFA_VERSION call of
 *     the case negotiated, or 1.2 before any.
 *   - A `world` line also ends the case before it.
 *   - A case name is any run of non-blank characters, of any length.
 */
#include "fv_internal.h"

/* ---------------------------------------------------------------------- */
/* The default world                                                      */
/* ---------------------------------------------------------------------- */

/* clang-format off */
#define FV_DEFAULT_MEM_BASE	UINT64_C(0x80000000)
#define FV_DEFAULT_MEM_SIZE	(UINT64_C(64) << 20)
#define FV_DEFAULT_MBOX_PAGES	1
/* clang-format on */

/*
 * The default partitions' UUIDs, in text form:
 *   0x8001  b4b5671e-4a90-4fe1-b81f-fb13dae1dacb  (the UUID of the world example
 *           in docs/vectors.md, so a world copying that line gets the same one)
 *   0x8002  6f1c3a52-93e4-4d0b-a8c7-2e5b9d01f476
 */
static const struct spmc_partition_config fv_default_partitions[] = {
	{
		.id = 0x8001,
		.exec_ctx_count = 2,
		.properties = FFA_PART_PROP_AARCH64 | FFA_PART_PROP_DIRECT_REQ_RECV |
			      FFA_PART_PROP_DIRECT_REQ2_RECV | FFA_PART_PROP_NOTIFICATION |
			      FFA_PART_PROP_INDIRECT_MSG,
		.uuid = { { 0xb4, 0xb5, 0x67, 0x1e, 0x4a, 0x90, 0x4f, 0xe1, 0xb8, 0x1f, 0xfb, 0x13,
			    0xda, 0xe1, 0xda, 0xcb } },
		.handler = SPMC_HANDLER_ECHO,
	},
	{
		.id = 0x8002,
		.exec_ctx_count = 1,
		.properties = FFA_PART_PROP_AARCH64 | FFA_PART_PROP_DIRECT_REQ_RECV,
		.uuid = { { 0x6f, 0x1c, 0x3a, 0x52, 0x93, 0xe4, 0x4d, 0x0b, 0xa8, 0xc7, 0x2e, 0x5b,
			    0x9d, 0x01, 0xf4, 0x76 } },
		.handler = SPMC_HANDLER_ECHO,
	},
};

void fv_world_default(struct fv_world *w)
{
	unsigned int i;

	ffa_memset(w, 0, sizeof(*w));
	w->spmc.version = FFA_VERSION_1_2;
	w->spmc.spmc_id = FFA_SPMC_ID_DEFAULT;
	for (i = 0; i < FFA_ARRAY_SIZE(fv_default_partitions); i++)
		w->spmc.partitions[i] = fv_default_partitions[i];
	w->spmc.partition_count = FFA_ARRAY_SIZE(fv_default_partitions);
	w->mem_base = FV_DEFAULT_MEM_BASE;
	w->mem_size = FV_DEFAULT_MEM_SIZE;
	w->protected_count = 0;
	w->mbox_pages = FV_DEFAULT_MBOX_PAGES;
}

/* ---------------------------------------------------------------------- */
/* Interpreter state                                                      */
/* ---------------------------------------------------------------------- */

/* A piece of the current line: not NUL-terminated. */
struct fv_tok {
	const char *p;
	size_t n;
};

struct fv_saved {
	char name[FV_NAME_MAX];
	size_t len;
	uint64_t value;
};

enum fv_where {
	FV_AT_TOP,   /* before any `world` or `case` */
	FV_IN_WORLD, /* after `world`, before the next `case` */
	FV_IN_CASE,
};

/**
 * struct fv_state - everything the interpreter knows while reading one file.
 * @plat:       the platform; NULL when only the world is wanted
 * @running:    the current case's steps are executed (it has neither failed
 *              nor been skipped)
 * @have_reply: a call has been made in this case (also counted while not
 *              @running, so that checks do not depend on earlier failures)
 * @reply_fid:  the function the last reply answers, for decoding it
 * @version:    the version the case's last FFA_VERSION negotiated, 0: none
 */
struct fv_state {
	struct fv_plat *plat;
	const char *file;
	struct fv_result *res;
	unsigned int line;
	const char *cur; /* unread rest of the current line */
	const char *end; /* its end (comment stripped) */

	enum fv_where where;
	bool world_has_partition;
	struct fv_world world;

	struct fv_tok case_name; /* points into the file's text: no length limit */
	unsigned int case_line;
	bool running;
	bool have_reply;
	struct ffa_regs reply;
	uint32_t reply_fid;
	uint32_t version;
	struct fv_saved saved[FV_MAX_SAVED];
	unsigned int saved_count;

	char err[FV_MSG_MAX]; /* why the current line is malformed */
	char out[FV_MSG_MAX]; /* the output line being built */
};

/* ---------------------------------------------------------------------- */
/* Errors and output                                                      */
/* ---------------------------------------------------------------------- */

/* The line is malformed: remember why. Always returns -1. */
static int fv_bad(struct fv_state *st, const char *what)
{
	struct fv_str s;

	fv_str_init(&s, st->err, sizeof(st->err));
	fv_str_puts(&s, what);
	return -1;
}

/* "what 'token'" */
static int fv_bad_tok(struct fv_state *st, const char *what, struct fv_tok t)
{
	struct fv_str s;

	fv_str_init(&s, st->err, sizeof(st->err));
	fv_str_puts(&s, what);
	fv_str_puts(&s, " '");
	fv_str_putn(&s, t.p, t.n);
	fv_str_putc(&s, '\'');
	return -1;
}

static void fv_where_prefix(struct fv_state *st, struct fv_str *s, unsigned int line)
{
	fv_str_puts(s, st->file);
	fv_str_putc(s, ':');
	fv_str_udec(s, line);
	fv_str_puts(s, ": ");
}

/* Start the output line "FAIL name: file:line: "; the caller appends what differed. */
static void fv_fail_begin(struct fv_state *st, struct fv_str *s, unsigned int line)
{
	fv_str_init(s, st->out, sizeof(st->out));
	fv_str_puts(s, "FAIL ");
	fv_str_putn(s, st->case_name.p, st->case_name.n);
	fv_str_puts(s, ": ");
	fv_where_prefix(st, s, line);
}

/* Print the FAIL line; the rest of the case is parsed but not run. */
static void fv_fail_end(struct fv_state *st)
{
	fv_plat_print(st->plat, st->out);
	st->res->failed++;
	st->running = false;
}

static void fv_skip_case(struct fv_state *st, const char *reason)
{
	struct fv_str s;

	fv_str_init(&s, st->out, sizeof(st->out));
	fv_str_puts(&s, "SKIP ");
	fv_str_putn(&s, st->case_name.p, st->case_name.n);
	fv_str_puts(&s, ": ");
	fv_where_prefix(st, &s, st->line);
	fv_str_puts(&s, reason);
	fv_plat_print(st->plat, st->out);
	st->res->skipped++;
	st->running = false;
}

/* Append " (reply: <decoded>)" so a mismatch shows the whole answer. */
static void fv_put_reply(struct fv_state *st, struct fv_str *s)
{
	char line[FV_MSG_MAX / 2];

	fv_decode_reply(st->reply_fid, &st->reply, line, sizeof(line));
	fv_str_puts(s, " (reply: ");
	fv_str_puts(s, line);
	fv_str_putc(s, ')');
}

/* ---------------------------------------------------------------------- */
/* Lexer                                                                  */
/* ---------------------------------------------------------------------- */

static bool fv_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static bool fv_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int fv_hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool fv_is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || fv_is_digit(c) || c == '_' ||
	       c == '-' || c == '.';
}

/* The next whitespace-separated token of the line, or false at its end. */
static bool fv_next(struct fv_state *st, struct fv_tok *t)
{
	while (st->cur < st->end && fv_is_space(*st->cur))
		st->cur++;
	if (st->cur == st->end)
		return false;
	t->p = st->cur;
	while (st->cur < st->end && !fv_is_space(*st->cur))
		st->cur++;
	t->n = (size_t)(st->cur - t->p);
	return true;
}

static int fv_no_more(struct fv_state *st)
{
	struct fv_tok t;

	if (fv_next(st, &t))
		return fv_bad_tok(st, "unexpected", t);
	return 0;
}

static bool fv_tok_is(struct fv_tok t, const char *z)
{
	size_t i;

	for (i = 0; i < t.n; i++)
		if (!z[i] || z[i] != t.p[i])
			return false;
	return z[t.n] == '\0';
}

/* Split @t at the first @sep: @left before it, @t after it. False if absent. */
static bool fv_split(struct fv_tok *t, char sep, struct fv_tok *left)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->p[i] == sep) {
			left->p = t->p;
			left->n = i;
			t->p += i + 1;
			t->n -= i + 1;
			return true;
		}
	}
	return false;
}

/* The next comma-separated item of @list, or false at its end. */
static bool fv_list_next(struct fv_tok *list, struct fv_tok *item)
{
	if (!list->n)
		return false;
	if (!fv_split(list, ',', item)) {
		*item = *list;
		list->p += list->n;
		list->n = 0;
	}
	return true;
}

/* ---------------------------------------------------------------------- */
/* Numbers, names and saved values                                        */
/* ---------------------------------------------------------------------- */

/* Decimal or 0x hex digits; false if empty, not a number, or over 64 bits. */
static bool fv_parse_unsigned(const char *p, size_t n, uint64_t *v)
{
	uint64_t acc = 0;
	size_t i;

	if (n > 2 && p[0] == '0' && p[1] == 'x') {
		for (i = 2; i < n; i++) {
			int d = fv_hex_value(p[i]);

			if (d < 0 || (acc >> 60))
				return false;
			acc = (acc << 4) | (uint64_t)d;
		}
		*v = acc;
		return true;
	}
	if (!n)
		return false;
	for (i = 0; i < n; i++) {
		if (!fv_is_digit(p[i]) || ffa_mul_overflow(acc, 10, &acc) ||
		    ffa_add_overflow(acc, (uint64_t)(p[i] - '0'), &acc))
			return false;
	}
	*v = acc;
	return true;
}

static struct fv_saved *fv_find_saved(struct fv_state *st, const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < st->saved_count; i++)
		if (st->saved[i].len == len && !ffa_memcmp(st->saved[i].name, name, len))
			return &st->saved[i];
	return NULL;
}

static int fv_check_name(struct fv_state *st, struct fv_tok t, const char *what)
{
	size_t i;

	if (!t.n || t.n >= FV_NAME_MAX)
		return fv_bad_tok(st, what, t);
	for (i = 0; i < t.n; i++)
		if (!fv_is_name_char(t.p[i]))
			return fv_bad_tok(st, what, t);
	return 0;
}

static int fv_save(struct fv_state *st, struct fv_tok name, uint64_t value)
{
	struct fv_saved *sv = fv_find_saved(st, name.p, name.n);

	if (!sv) {
		if (st->saved_count == FV_MAX_SAVED)
			return fv_bad(st, "too many saved values in one case");
		sv = &st->saved[st->saved_count++];
		ffa_memcpy(sv->name, name.p, name.n);
		sv->name[name.n] = '\0';
		sv->len = name.n;
	}
	sv->value = value;
	return 0;
}

/*
 * A value: 0x hex, decimal, negative decimal (two's complement), a symbolic
 * name (fv_lookup_name()) or $name.
 */
static int fv_value(struct fv_state *st, struct fv_tok t, uint64_t *v)
{
	struct fv_saved *sv;

	if (!t.n)
		return fv_bad(st, "missing value");
	if (t.p[0] == '$') {
		sv = fv_find_saved(st, t.p + 1, t.n - 1);
		if (!sv)
			return fv_bad_tok(st, "not saved in this case:", t);
		*v = sv->value;
		return 0;
	}
	if (t.p[0] == '-') {
		uint64_t mag;

		/* -9223372036854775808 is the most negative 64-bit value. */
		if (t.n < 2 || !fv_is_digit(t.p[1]) || !fv_parse_unsigned(t.p + 1, t.n - 1, &mag) ||
		    mag > (UINT64_C(1) << 63))
			return fv_bad_tok(st, "bad number", t);
		*v = 0 - mag;
		return 0;
	}
	if (fv_is_digit(t.p[0])) {
		if (!fv_parse_unsigned(t.p, t.n, v))
			return fv_bad_tok(st, "bad number", t);
		return 0;
	}
	if (!fv_lookup_name(t.p, t.n, v))
		return fv_bad_tok(st, "unknown name", t);
	return 0;
}

/* Fits in @bits as an unsigned value. */
static bool fv_fits_unsigned(uint64_t v, unsigned int bits)
{
	return bits >= 64 || !(v >> bits);
}

/* Fits in @bits unsigned, or as a sign-extended negative value (-1, DENIED). */
static bool fv_fits(uint64_t v, unsigned int bits)
{
	if (bits >= 64 || !(v >> bits))
		return true;
	return (v >> (bits - 1)) == (UINT64_MAX >> (bits - 1));
}

static uint64_t fv_truncate(uint64_t v, unsigned int bits)
{
	return bits >= 64 ? v : v & ((UINT64_C(1) << bits) - 1);
}

/* A value that must fit @bits (@signed_ok: sign-extended negatives too). */
static int fv_value_bits(struct fv_state *st, struct fv_tok t, unsigned int bits, bool signed_ok,
			 uint64_t *v)
{
	struct fv_str s;

	if (fv_value(st, t, v))
		return -1;
	if (signed_ok ? fv_fits(*v, bits) : fv_fits_unsigned(*v, bits)) {
		*v = fv_truncate(*v, bits);
		return 0;
	}
	fv_str_init(&s, st->err, sizeof(st->err));
	fv_str_puts(&s, "value '");
	fv_str_putn(&s, t.p, t.n);
	fv_str_puts(&s, "' does not fit in ");
	fv_str_udec(&s, bits);
	fv_str_puts(&s, " bits");
	return -1;
}

/* The next token as a value; @what names it when the token is missing. */
static int fv_next_value(struct fv_state *st, const char *what, unsigned int bits, bool signed_ok,
			 uint64_t *v)
{
	struct fv_tok t;

	if (!fv_next(st, &t)) {
		struct fv_str s;

		fv_str_init(&s, st->err, sizeof(st->err));
		fv_str_puts(&s, "missing ");
		fv_str_puts(&s, what);
		return -1;
	}
	return fv_value_bits(st, t, bits, signed_ok, v);
}

/* ---------------------------------------------------------------------- */
/* Register operands                                                      */
/* ---------------------------------------------------------------------- */

/**
 * struct fv_regset - registers listed on a line.
 * @mask:  bit N: register N was listed
 * @wmask: bit N: it was listed as wN (low 32 bits)
 */
struct fv_regset {
	uint32_t mask;
	uint32_t wmask;
	uint64_t v[FFA_REG_COUNT];
};

/* "x17" / "w3" -> register number and width. */
static int fv_reg_name(struct fv_state *st, struct fv_tok t, unsigned int *n, bool *is_w)
{
	uint64_t num;

	if (t.n < 2 || t.n > 3 || (t.p[0] != 'x' && t.p[0] != 'w') || (t.n == 3 && t.p[1] == '0') ||
	    !fv_is_digit(t.p[1]) || !fv_parse_unsigned(t.p + 1, t.n - 1, &num) ||
	    num >= FFA_REG_COUNT)
		return fv_bad_tok(st, "bad register", t);
	*n = (unsigned int)num;
	*is_w = t.p[0] == 'w';
	return 0;
}

static int fv_add_reg(struct fv_state *st, struct fv_regset *rs, struct fv_tok name, unsigned int n,
		      bool is_w, uint64_t v)
{
	if (rs->mask & (1u << n))
		return fv_bad_tok(st, "register listed twice:", name);
	rs->mask |= 1u << n;
	if (is_w)
		rs->wmask |= 1u << n;
	rs->v[n] = v;
	return 0;
}

/* "xN=V" or "wN=V". A w value must fit in 32 bits (see the top of this file). */
static int fv_reg_operand(struct fv_state *st, struct fv_tok t, struct fv_regset *rs)
{
	struct fv_tok name;
	unsigned int n;
	bool is_w;
	uint64_t v;

	if (!fv_split(&t, '=', &name))
		return fv_bad_tok(st, "expected xN=V or wN=V, got", t);
	if (fv_reg_name(st, name, &n, &is_w) || fv_value_bits(st, t, is_w ? 32 : 64, true, &v))
		return -1;
	return fv_add_reg(st, rs, name, n, is_w, v);
}

/*
 * [VALUE] xN=V ...: a bare leading value is register 0 (as x0 for `call`
 * and `expect`, as w0 for `expect-secure`).
 */
static int fv_reg_list(struct fv_state *st, struct fv_regset *rs, bool bare_is_w)
{
	struct fv_tok t;
	bool first = true;

	ffa_memset(rs, 0, sizeof(*rs));
	while (fv_next(st, &t)) {
		bool has_eq = false;
		size_t i;

		for (i = 0; i < t.n; i++)
			has_eq |= t.p[i] == '=';
		if (first && !has_eq) {
			struct fv_tok x0 = { .p = bare_is_w ? "w0" : "x0", .n = 2 };
			uint64_t v;

			if (fv_value_bits(st, t, bare_is_w ? 32 : 64, true, &v) ||
			    fv_add_reg(st, rs, x0, 0, bare_is_w, v))
				return -1;
		} else if (fv_reg_operand(st, t, rs)) {
			return -1;
		}
		first = false;
	}
	return 0;
}

static struct ffa_regs fv_regs_from(const struct fv_regset *rs)
{
	struct ffa_regs r;
	unsigned int n;

	ffa_memset(&r, 0, sizeof(r));
	for (n = 0; n < FFA_REG_COUNT; n++)
		if (rs->mask & (1u << n))
			r.x[n] = rs->v[n];
	return r;
}

/* Index of the first listed register @r does not match, or -1. */
static int fv_regs_mismatch(const struct fv_regset *rs, const struct ffa_regs *r)
{
	unsigned int n;

	for (n = 0; n < FFA_REG_COUNT; n++) {
		uint64_t got = r->x[n];

		if (!(rs->mask & (1u << n)))
			continue;
		if (rs->wmask & (1u << n))
			got = (uint32_t)got;
		if (got != rs->v[n])
			return (int)n;
	}
	return -1;
}

/* "x0 wanted 0x10002 got 0xffffffffffffffff" */
static void fv_put_mismatch(struct fv_str *s, const struct fv_regset *rs, unsigned int n,
			    const struct ffa_regs *r)
{
	bool is_w = rs->wmask & (1u << n);

	fv_str_putc(s, is_w ? 'w' : 'x');
	fv_str_udec(s, n);
	fv_str_puts(s, " wanted ");
	fv_str_hex(s, rs->v[n]);
	fv_str_puts(s, " got ");
	fv_str_hex(s, is_w ? (uint32_t)r->x[n] : r->x[n]);
}

/* ---------------------------------------------------------------------- */
/* Case life cycle                                                        */
/* ---------------------------------------------------------------------- */

static void fv_end_case(struct fv_state *st)
{
	char why[FV_MSG_MAX / 2];
	struct fv_str s;

	if (st->where != FV_IN_CASE || !st->plat)
		return;
	st->where = FV_AT_TOP;
	if (!st->running)
		return;

	/* vectors.md: every case ends with an implicit check-invariants. */
	why[0] = '\0';
	if (fv_plat_check_invariants(st->plat, why, sizeof(why))) {
		fv_fail_begin(st, &s, st->case_line);
		fv_str_puts(&s, "at end of case: invariants: ");
		fv_str_puts(&s, why);
		fv_fail_end(st);
		return;
	}
	fv_str_init(&s, st->out, sizeof(st->out));
	fv_str_puts(&s, "PASS ");
	fv_str_putn(&s, st->case_name.p, st->case_name.n);
	fv_plat_print(st->plat, st->out);
	st->res->passed++;
	st->running = false;
}

static int fv_do_case(struct fv_state *st)
{
	char why[FV_MSG_MAX / 2];
	struct fv_tok name;
	struct fv_str s;
	int rc;

	if (!fv_next(st, &name))
		return fv_bad(st, "case needs a name");
	if (fv_no_more(st))
		return -1;

	fv_end_case(st);
	st->where = FV_IN_CASE;
	st->case_name = name;
	st->case_line = st->line;
	st->running = st->plat != NULL;
	st->have_reply = false;
	ffa_memset(&st->reply, 0, sizeof(st->reply));
	st->reply_fid = 0;
	st->version = 0;
	st->saved_count = 0;
	if (!st->running)
		return 0;

	why[0] = '\0';
	rc = fv_plat_world_start(st->plat, &st->world, why, sizeof(why));
	if (rc > 0) {
		fv_skip_case(st, why);
	} else if (rc) {
		fv_fail_begin(st, &s, st->line);
		fv_str_puts(&s, "world: ");
		fv_str_puts(&s, why);
		fv_fail_end(st);
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* World blocks                                                           */
/* ---------------------------------------------------------------------- */

static int fv_do_world(struct fv_state *st)
{
	if (fv_no_more(st))
		return -1;
	fv_end_case(st);
	st->where = FV_IN_WORLD;
	st->world_has_partition = false;
	fv_world_default(&st->world);
	return 0;
}

/* "MAJOR.MINOR" (decimal) or "none". */
static int fv_do_spmc_version(struct fv_state *st)
{
	struct fv_tok t, major;
	uint64_t maj, min;

	if (!fv_next(st, &t))
		return fv_bad(st, "missing version");
	if (fv_tok_is(t, "none")) {
		st->world.spmc.version = 0;
		return fv_no_more(st);
	}
	major = t;
	if (!fv_split(&t, '.', &major) || !major.n || !fv_is_digit(major.p[0]) || !t.n ||
	    !fv_is_digit(t.p[0]) || !fv_parse_unsigned(major.p, major.n, &maj) ||
	    !fv_parse_unsigned(t.p, t.n, &min) || maj > FFA_VERSION_MAJOR_MASK ||
	    min > FFA_VERSION_MINOR_MASK) {
		t.p = major.p;
		t.n = (size_t)(st->cur - major.p);
		return fv_bad_tok(st, "bad version (MAJOR.MINOR or none):", t);
	}
	st->world.spmc.version = FFA_MAKE_VERSION(maj, min);
	return fv_no_more(st);
}

/* Text form, bytes in text order (reference/ffa-abi.md §1.4). */
static int fv_parse_uuid(struct fv_state *st, struct fv_tok t, struct ffa_uuid *u)
{
	unsigned int byte = 0;
	size_t i = 0;

	if (t.n != 36)
		return fv_bad_tok(st, "bad UUID", t);
	while (i < t.n) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (t.p[i] != '-')
				return fv_bad_tok(st, "bad UUID", t);
			i++;
			continue;
		}
		hi = fv_hex_value(t.p[i]);
		lo = fv_hex_value(t.p[i + 1]);
		if (hi < 0 || lo < 0)
			return fv_bad_tok(st, "bad UUID", t);
		u->b[byte++] = (uint8_t)(hi << 4 | lo);
		i += 2;
	}
	return 0;
}

struct fv_named_value {
	const char *name;
	uint32_t value;
};

/* Partition properties (FF-A 1.2 Table 6.2), as vectors.md names them. */
static const struct fv_named_value fv_props[] = {
	{ "direct-req", FFA_PART_PROP_DIRECT_REQ_RECV },
	{ "direct-req-send", FFA_PART_PROP_DIRECT_REQ_SEND },
	{ "indirect", FFA_PART_PROP_INDIRECT_MSG },
	{ "notify", FFA_PART_PROP_NOTIFICATION },
	{ "aarch64", FFA_PART_PROP_AARCH64 },
	{ "direct-req2", FFA_PART_PROP_DIRECT_REQ2_RECV },
	{ "direct-req2-send", FFA_PART_PROP_DIRECT_REQ2_SEND },
};

static const struct fv_named_value fv_handlers[] = {
	{ "echo", SPMC_HANDLER_ECHO },
	{ "busy", SPMC_HANDLER_BUSY },
	{ "interrupt", SPMC_HANDLER_INTERRUPT },
	{ "yield", SPMC_HANDLER_YIELD },
};

/* Memory access permissions byte (reference/ffa-abi.md §10.4). */
static const struct fv_named_value fv_perms[] = {
	{ "none", FFA_DATA_ACCESS_NOT_SPECIFIED },
	{ "ro", FFA_DATA_ACCESS_RO },
	{ "rw", FFA_DATA_ACCESS_RW },
	{ "ro-nx", FFA_DATA_ACCESS_RO | FFA_INSTR_ACCESS_NX },
	{ "rw-nx", FFA_DATA_ACCESS_RW | FFA_INSTR_ACCESS_NX },
	{ "ro-x", FFA_DATA_ACCESS_RO | FFA_INSTR_ACCESS_X },
	{ "rw-x", FFA_DATA_ACCESS_RW | FFA_INSTR_ACCESS_X },
};

static const struct fv_named_value fv_page_states[] = {
	{ "host", FV_PAGE_HOST },	{ "shared", FV_PAGE_SHARED }, { "lent", FV_PAGE_LENT },
	{ "donated", FV_PAGE_DONATED }, { "hyp", FV_PAGE_HYP },	      { "pinned", FV_PAGE_PINNED },
	{ "none", FV_PAGE_NONE },
};

static bool fv_find_named(const struct fv_named_value *tab, size_t count, struct fv_tok t,
			  uint32_t *v)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (fv_tok_is(t, tab[i].name)) {
			*v = tab[i].value;
			return true;
		}
	}
	return false;
}

static const char *fv_page_state_name(enum fv_page_state s)
{
	size_t i;

	for (i = 0; i < FFA_ARRAY_SIZE(fv_page_states); i++)
		if (fv_page_states[i].value == (uint32_t)s)
			return fv_page_states[i].name;
	return "unknown";
}

/* props=a,b,c: names of vectors.md, or numbers, ORed together. */
static int fv_parse_props(struct fv_state *st, struct fv_tok list, uint32_t *props)
{
	struct fv_tok item;
	uint64_t v;
	uint32_t bit;

	*props = 0;
	while (fv_list_next(&list, &item)) {
		if (fv_find_named(fv_props, FFA_ARRAY_SIZE(fv_props), item, &bit)) {
			*props |= bit;
			continue;
		}
		if (!item.n || (!fv_is_digit(item.p[0]) && item.p[0] != '$'))
			return fv_bad_tok(st, "unknown partition property", item);
		if (fv_value_bits(st, item, 32, false, &v))
			return -1;
		*props |= (uint32_t)v;
	}
	return 0;
}

/* partition ID uuid=U ctx=N props=a,b handler=H (keys optional, any order) */
static int fv_do_partition(struct fv_state *st)
{
	struct spmc_partition_config p = { .exec_ctx_count = 1, .handler = SPMC_HANDLER_ECHO };
	uint32_t seen = 0, key, handler;
	struct fv_tok t, k;
	uint64_t v;

	if (fv_next_value(st, "partition ID", 16, false, &v))
		return -1;
	p.id = (uint16_t)v;
	while (fv_next(st, &t)) {
		if (!fv_split(&t, '=', &k))
			return fv_bad_tok(st, "expected key=value, got", t);
		if (fv_tok_is(k, "uuid"))
			key = 1u << 0;
		else if (fv_tok_is(k, "ctx"))
			key = 1u << 1;
		else if (fv_tok_is(k, "props"))
			key = 1u << 2;
		else if (fv_tok_is(k, "handler"))
			key = 1u << 3;
		else
			return fv_bad_tok(st, "unknown partition key", k);
		if (seen & key)
			return fv_bad_tok(st, "key given twice:", k);
		seen |= key;

		if (key == 1u << 0) {
			if (fv_parse_uuid(st, t, &p.uuid))
				return -1;
		} else if (key == 1u << 1) {
			if (fv_value_bits(st, t, 16, false, &v))
				return -1;
			p.exec_ctx_count = (uint16_t)v;
		} else if (key == 1u << 2) {
			if (fv_parse_props(st, t, &p.properties))
				return -1;
		} else {
			if (!fv_find_named(fv_handlers, FFA_ARRAY_SIZE(fv_handlers), t, &handler))
				return fv_bad_tok(st, "unknown handler", t);
			p.handler = (enum spmc_handler)handler;
		}
	}

	/* vectors.md: a world that names any partition has only those. */
	if (!st->world_has_partition) {
		st->world.spmc.partition_count = 0;
		st->world_has_partition = true;
	}
	if (st->world.spmc.partition_count == SPMC_MAX_PARTITIONS)
		return fv_bad(st, "too many partitions in one world");
	st->world.spmc.partitions[st->world.spmc.partition_count++] = p;
	return 0;
}

static int fv_do_memory(struct fv_state *st)
{
	uint64_t base, size;

	if (fv_next_value(st, "base", 64, false, &base) ||
	    fv_next_value(st, "size", 64, false, &size) || fv_no_more(st))
		return -1;
	st->world.mem_base = base;
	st->world.mem_size = size;
	return 0;
}

static int fv_do_protected(struct fv_state *st)
{
	uint64_t base, pages;
	struct fv_range *r;

	if (fv_next_value(st, "base", 64, false, &base) ||
	    fv_next_value(st, "page count", 64, false, &pages) || fv_no_more(st))
		return -1;
	if (st->world.protected_count == FV_MAX_PROTECTED)
		return fv_bad(st, "too many protected lines in one world");
	r = &st->world.protected[st->world.protected_count++];
	r->base = base;
	r->pages = pages;
	return 0;
}

static int fv_do_mbox_pages(struct fv_state *st)
{
	uint64_t pages;

	if (fv_next_value(st, "page count", 32, false, &pages) || fv_no_more(st))
		return -1;
	st->world.mbox_pages = (uint32_t)pages;
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Steps: calls and what they answered                                    */
/* ---------------------------------------------------------------------- */

/* Remember what FFA_VERSION settled on, as the default of `desc version=`. */
static void fv_note_version(struct fv_state *st, const struct ffa_regs *call)
{
	uint32_t asked = (uint32_t)call->x[1];
	uint32_t answer = (uint32_t)st->reply.x[0];

	if ((st->reply_fid & ~SMCCC_SVE_HINT) != FFA_VERSION || (answer & FFA_VERSION_MBZ_BIT) ||
	    (asked & FFA_VERSION_MBZ_BIT))
		return;
	/*
	 * Same major: the caller works at the lower of the two minors (a caller
	 * newer than the callee falls back to the callee's version; an older
	 * one is adopted, reference/ffa-abi.md §2.2 and policy.md FFA_VERSION).
	 */
	if (ffa_version_major(asked) != ffa_version_major(answer))
		return;
	st->version = ffa_version_minor(answer) < ffa_version_minor(asked) ? answer : asked;
}

/* call FID xN=V ... | call x0=FID xN=V ... */
static int fv_do_call(struct fv_state *st)
{
	struct ffa_regs r;
	struct fv_regset rs;

	if (fv_reg_list(st, &rs, false))
		return -1;
	if (!(rs.mask & 1u))
		return fv_bad(st, "call needs a function ID (call FID ... or call x0=FID ...)");
	st->have_reply = true;
	if (!st->running)
		return 0;

	r = fv_regs_from(&rs);
	st->reply = r;
	st->reply_fid = (uint32_t)r.x[0];
	fv_plat_host_call(st->plat, &st->reply);
	fv_note_version(st, &r);
	return 0;
}

/* sp ID FID xN=V ... | sp ID retrieve LO HI | sp ID relinquish LO HI */
static int fv_do_sp(struct fv_state *st)
{
	const char *after_id;
	struct fv_regset rs;
	struct fv_tok t;
	uint64_t id, lo, hi;
	bool retrieve;

	if (fv_next_value(st, "partition ID", 16, false, &id))
		return -1;
	after_id = st->cur;
	if (fv_next(st, &t) && (fv_tok_is(t, "retrieve") || fv_tok_is(t, "relinquish"))) {
		retrieve = fv_tok_is(t, "retrieve");
		if (fv_next_value(st, "handle[31:0]", 32, false, &lo) ||
		    fv_next_value(st, "handle[63:32]", 32, false, &hi) || fv_no_more(st))
			return -1;
		st->have_reply = true;
		if (!st->running)
			return 0;
		ffa_memset(&st->reply, 0, sizeof(st->reply));
		if (retrieve) {
			st->reply_fid = FFA_MEM_RETRIEVE_REQ_32;
			fv_plat_sp_retrieve(st->plat, (uint16_t)id,
					    ffa_handle_make((uint32_t)lo, (uint32_t)hi),
					    &st->reply);
		} else {
			st->reply_fid = FFA_MEM_RELINQUISH;
			fv_plat_sp_relinquish(st->plat, (uint16_t)id,
					      ffa_handle_make((uint32_t)lo, (uint32_t)hi),
					      &st->reply);
		}
		return 0;
	}

	st->cur = after_id;
	if (fv_reg_list(st, &rs, false))
		return -1;
	if (!(rs.mask & 1u))
		return fv_bad(st, "sp needs a function ID (sp ID FID ... or sp ID x0=FID ...)");
	st->have_reply = true;
	if (!st->running)
		return 0;
	st->reply = fv_regs_from(&rs);
	st->reply_fid = (uint32_t)st->reply.x[0];
	fv_plat_sp_call(st->plat, (uint16_t)id, &st->reply);
	return 0;
}

static int fv_need_reply(struct fv_state *st, const char *what)
{
	struct fv_str s;

	if (st->have_reply)
		return 0;
	fv_str_init(&s, st->err, sizeof(st->err));
	fv_str_puts(&s, what);
	fv_str_puts(&s, " before any call in this case");
	return -1;
}

/*
 * Compare the last reply with @rs; on a mismatch fail the case naming the
 * register, the value wanted and the value got. Nothing to compare while the
 * case is not running (a malformed line was already reported, or it failed).
 */
static int fv_check_reply(struct fv_state *st, const struct fv_regset *rs)
{
	struct fv_str s;
	int bad;

	if (!st->running)
		return 0;
	bad = fv_regs_mismatch(rs, &st->reply);
	if (bad < 0)
		return 0;
	fv_fail_begin(st, &s, st->line);
	fv_put_mismatch(&s, rs, (unsigned int)bad, &st->reply);
	fv_put_reply(st, &s);
	fv_fail_end(st);
	return 0;
}

/* expect [V] xN=V ...: a bare leading V is x0 (vectors.md), compared in 64 bits. */
static int fv_do_expect(struct fv_state *st)
{
	struct fv_regset rs;

	if (fv_reg_list(st, &rs, false))
		return -1;
	if (!rs.mask)
		return fv_bad(st, "expect needs registers to check");
	if (fv_need_reply(st, "expect"))
		return -1;
	return fv_check_reply(st, &rs);
}

/* expect-zero xN wN ... */
static int fv_do_expect_zero(struct fv_state *st)
{
	struct fv_regset rs;
	struct fv_tok t;
	unsigned int n;
	bool is_w;

	ffa_memset(&rs, 0, sizeof(rs));
	while (fv_next(st, &t))
		if (fv_reg_name(st, t, &n, &is_w) || fv_add_reg(st, &rs, t, n, is_w, 0))
			return -1;
	if (!rs.mask)
		return fv_bad(st, "expect-zero needs registers to check");
	if (fv_need_reply(st, "expect-zero"))
		return -1;
	return fv_check_reply(st, &rs);
}

/* expect-secure none | expect-secure [FID] xN=V ... (a bare FID compares w0). */
static int fv_do_expect_secure(struct fv_state *st)
{
	const struct ffa_regs *calls = NULL;
	char line[FV_MSG_MAX / 2];
	struct fv_regset rs;
	struct fv_tok t;
	struct fv_str s;
	const char *start = st->cur;
	bool none;
	size_t count, i;
	int bad;

	none = fv_next(st, &t) && fv_tok_is(t, "none");
	if (none) {
		if (fv_no_more(st))
			return -1;
	} else {
		st->cur = start;
		if (fv_reg_list(st, &rs, true))
			return -1;
		if (!rs.mask)
			return fv_bad(st, "expect-secure needs `none` or registers to check");
	}
	if (fv_need_reply(st, "expect-secure"))
		return -1;
	if (!st->running)
		return 0;

	count = fv_plat_secure_calls(st->plat, &calls);
	if (none) {
		if (!count)
			return 0;
		fv_decode_call(&calls[0], line, sizeof(line));
		fv_fail_begin(st, &s, st->line);
		fv_str_puts(&s, "expect-secure none: ");
		fv_str_udec(&s, count);
		fv_str_puts(&s, count == 1 ? " secure-world call made: " :
					     " secure-world calls made, the first: ");
		fv_str_puts(&s, line);
		fv_fail_end(st);
		return 0;
	}

	for (i = 0; i < count; i++)
		if (fv_regs_mismatch(&rs, &calls[i]) < 0)
			return 0;
	fv_fail_begin(st, &s, st->line);
	if (!count) {
		fv_str_puts(&s, "expect-secure: no secure-world call was made");
		fv_fail_end(st);
		return 0;
	}
	fv_str_puts(&s, "expect-secure: none of the ");
	fv_str_udec(&s, count);
	fv_str_puts(&s, " secure-world calls matched");
	for (i = 0; i < count; i++) {
		bad = fv_regs_mismatch(&rs, &calls[i]);
		fv_str_puts(&s, "; call ");
		fv_str_udec(&s, i + 1);
		fv_str_puts(&s, ": ");
		fv_put_mismatch(&s, &rs, (unsigned int)bad, &calls[i]);
	}
	fv_fail_end(st);
	return 0;
}

/* save NAME xN|wN */
static int fv_do_save(struct fv_state *st)
{
	struct fv_tok name, reg;
	unsigned int n;
	bool is_w;
	uint64_t v = 0;

	if (!fv_next(st, &name))
		return fv_bad(st, "save needs a name and a register");
	if (fv_check_name(st, name, "bad name"))
		return -1;
	if (!fv_next(st, &reg))
		return fv_bad(st, "save needs a register");
	if (fv_reg_name(st, reg, &n, &is_w) || fv_no_more(st) || fv_need_reply(st, "save"))
		return -1;
	/* Not running: the name is still defined, so later lines parse the same. */
	if (st->running)
		v = is_w ? (uint32_t)st->reply.x[n] : st->reply.x[n];
	return fv_save(st, name, v);
}

/* ---------------------------------------------------------------------- */
/* Steps: bytes in memory                                                 */
/* ---------------------------------------------------------------------- */

/* Bytes produced per round when a byte list is consumed. */
#define FV_BYTES_CHUNK 256

/**
 * struct fv_bytes - the rest of a line as a list of byte items:
 * `hex:` followed by hex-digit pairs (the pairs may be split by spaces and
 * go on until the next item or the end of the line), `u16:V`, `u32:V`,
 * `u64:V` (little-endian).
 */
struct fv_bytes {
	const char *cur, *end; /* unread rest of the line */
	bool in_hex;	       /* a hex: item is open */
	uint64_t hex_count;    /* bytes in the open hex: item */
	struct fv_tok digits;  /* unread hex digits of the current token */
};

/* Fill @buf with up to @cap (>= 8) bytes. Returns how many (0: done) or -1. */
static long fv_bytes_fill(struct fv_state *st, struct fv_bytes *b, uint8_t *buf, size_t cap)
{
	const char *save_cur = st->cur, *save_end = st->end;
	size_t n = 0;
	long ret = -1;

	/* The token helpers work on st->cur/st->end: point them at our list. */
	st->cur = b->cur;
	st->end = b->end;
	while (n + sizeof(uint64_t) <= cap) {
		struct fv_tok t;
		unsigned int width = 0;
		uint64_t v;

		if (b->digits.n) {
			int hi = fv_hex_value(b->digits.p[0]);
			int lo = b->digits.n > 1 ? fv_hex_value(b->digits.p[1]) : -1;

			if (hi < 0 || lo < 0) {
				fv_bad_tok(st, "hex bytes need pairs of hex digits:", b->digits);
				goto out;
			}
			buf[n++] = (uint8_t)(hi << 4 | lo);
			b->digits.p += 2;
			b->digits.n -= 2;
			b->hex_count++;
			continue;
		}
		if (!fv_next(st, &t)) {
			if (b->in_hex && !b->hex_count) {
				fv_bad(st, "empty hex: item");
				goto out;
			}
			break;
		}
		if (t.n >= 4 && !ffa_memcmp(t.p, "hex:", 4)) {
			if (b->in_hex && !b->hex_count) {
				fv_bad(st, "empty hex: item");
				goto out;
			}
			b->in_hex = true;
			b->hex_count = 0;
			b->digits.p = t.p + 4;
			b->digits.n = t.n - 4;
			continue;
		}
		if (t.n >= 4 && t.p[0] == 'u' && t.p[3] == ':') {
			if (t.p[1] == '1' && t.p[2] == '6')
				width = 16;
			else if (t.p[1] == '3' && t.p[2] == '2')
				width = 32;
			else if (t.p[1] == '6' && t.p[2] == '4')
				width = 64;
		}
		if (width) {
			struct fv_tok val = { .p = t.p + 4, .n = t.n - 4 };
			unsigned int i;

			if (b->in_hex && !b->hex_count) {
				fv_bad(st, "empty hex: item");
				goto out;
			}
			b->in_hex = false;
			if (fv_value_bits(st, val, width, true, &v))
				goto out;
			for (i = 0; i < width / 8; i++)
				buf[n++] = (uint8_t)(v >> (8 * i));
			continue;
		}
		if (!b->in_hex) {
			fv_bad_tok(st, "expected hex:, u16:, u32: or u64:, got", t);
			goto out;
		}
		b->digits = t;
	}
	ret = (long)n;
out:
	b->cur = st->cur;
	st->cur = save_cur;
	st->end = save_end;
	return ret;
}

enum fv_bytes_op {
	FV_BYTES_WRITE,	   /* write: into host memory */
	FV_BYTES_EXPECT,   /* expect-memory: compare with host memory */
	FV_BYTES_SP_WRITE, /* sp-write: into a partition's TX buffer */
};

/* "memory at 0x80021004 wanted 0d 03 got 0c 03" */
static void fv_put_memory_diff(struct fv_state *st, uint64_t addr, const uint8_t *want,
			       const uint8_t *got, size_t n)
{
	struct fv_str s;
	size_t first = 0, i, shown;

	while (want[first] == got[first])
		first++;
	shown = n - first < 8 ? n - first : 8;
	fv_fail_begin(st, &s, st->line);
	fv_str_puts(&s, "memory at ");
	fv_str_hex(&s, addr + first);
	fv_str_puts(&s, " wanted");
	for (i = 0; i < shown; i++) {
		fv_str_putc(&s, ' ');
		fv_str_hex8(&s, want[first + i]);
	}
	fv_str_puts(&s, " got");
	for (i = 0; i < shown; i++) {
		fv_str_putc(&s, ' ');
		fv_str_hex8(&s, got[first + i]);
	}
	fv_fail_end(st);
}

/*
 * The byte list that ends the line: parsed once in full (a malformed item
 * means nothing happens), then consumed chunk by chunk.
 */
static int fv_bytes_step(struct fv_state *st, enum fv_bytes_op op, uint16_t id, uint64_t addr)
{
	uint8_t buf[FV_BYTES_CHUNK], got[FV_BYTES_CHUNK];
	struct fv_bytes b = { .cur = st->cur, .end = st->end };
	const struct fv_bytes start = b;
	uint64_t done = 0;
	struct fv_str s;
	long n;

	do {
		n = fv_bytes_fill(st, &b, buf, sizeof(buf));
		if (n < 0)
			return -1;
		done += (uint64_t)n;
	} while (n);
	if (!done)
		return fv_bad(st, "no bytes given");
	/* A partition's TX buffer offset is 32 bits: the list must not wrap it. */
	if (op == FV_BYTES_SP_WRITE && addr + done > (UINT64_C(1) << 32))
		return fv_bad(st, "sp-write goes past offset 0xffffffff");
	st->cur = st->end;
	if (!st->running)
		return 0;

	b = start;
	for (done = 0; (n = fv_bytes_fill(st, &b, buf, sizeof(buf))) > 0; done += (uint64_t)n) {
		size_t len = (size_t)n;
		int rc;

		if (op == FV_BYTES_SP_WRITE) {
			if (!fv_plat_sp_write(st->plat, id, (uint32_t)(addr + done), buf, len))
				continue;
			fv_fail_begin(st, &s, st->line);
			fv_str_puts(&s, "sp-write: partition ");
			fv_str_hex(&s, id);
			fv_str_puts(&s, " refused ");
			fv_str_udec(&s, len);
			fv_str_puts(&s, " bytes at offset ");
			fv_str_hex(&s, addr + done);
			fv_fail_end(st);
			return 0;
		}
		if (op == FV_BYTES_WRITE)
			rc = fv_plat_mem_write(st->plat, addr + done, buf, len);
		else
			rc = fv_plat_mem_read(st->plat, addr + done, got, len);
		if (rc) {
			fv_fail_begin(st, &s, st->line);
			fv_str_puts(&s, op == FV_BYTES_WRITE ? "write: " : "expect-memory: ");
			fv_str_hex(&s, addr + done);
			fv_str_puts(&s, "+");
			fv_str_udec(&s, len);
			fv_str_puts(&s, " is not in host RAM");
			fv_fail_end(st);
			return 0;
		}
		if (op == FV_BYTES_EXPECT && ffa_memcmp(buf, got, len)) {
			fv_put_memory_diff(st, addr + done, buf, got, len);
			return 0;
		}
	}
	return 0;
}

static int fv_do_write(struct fv_state *st)
{
	uint64_t addr;

	if (fv_next_value(st, "address", 64, false, &addr))
		return -1;
	return fv_bytes_step(st, FV_BYTES_WRITE, 0, addr);
}

static int fv_do_expect_memory(struct fv_state *st)
{
	uint64_t addr;

	if (fv_next_value(st, "address", 64, false, &addr))
		return -1;
	return fv_bytes_step(st, FV_BYTES_EXPECT, 0, addr);
}

static int fv_do_sp_write(struct fv_state *st)
{
	uint64_t id, offset;

	if (fv_next_value(st, "partition ID", 16, false, &id) ||
	    fv_next_value(st, "offset", 32, false, &offset))
		return -1;
	return fv_bytes_step(st, FV_BYTES_SP_WRITE, (uint16_t)id, offset);
}

/* expect-page ADDR STATE [COUNT] */
static int fv_do_expect_page(struct fv_state *st)
{
	uint64_t addr, count = 1, i, span;
	uint32_t want;
	struct fv_tok t;
	struct fv_str s;

	if (fv_next_value(st, "address", 64, false, &addr))
		return -1;
	if (!fv_next(st, &t))
		return fv_bad(st, "missing page state");
	if (!fv_find_named(fv_page_states, FFA_ARRAY_SIZE(fv_page_states), t, &want))
		return fv_bad_tok(st, "unknown page state", t);
	if (fv_next(st, &t) && fv_value_bits(st, t, 64, false, &count))
		return -1;
	if (fv_no_more(st))
		return -1;
	if (!count)
		return fv_bad(st, "page count 0");
	if (ffa_mul_overflow(count - 1, (uint64_t)FFA_PAGE_SIZE, &span) ||
	    ffa_add_overflow(addr, span, &span))
		return fv_bad(st, "page range wraps around the address space");
	if (!st->running)
		return 0;

	for (i = 0; i < count; i++) {
		uint64_t pa = addr + i * FFA_PAGE_SIZE;
		enum fv_page_state got = fv_plat_page_state(st->plat, pa);

		if ((uint32_t)got == want)
			continue;
		fv_fail_begin(st, &s, st->line);
		fv_str_puts(&s, "page ");
		fv_str_hex(&s, pa);
		if (count > 1) {
			fv_str_puts(&s, " (");
			fv_str_udec(&s, i + 1);
			fv_str_puts(&s, " of ");
			fv_str_udec(&s, count);
			fv_str_putc(&s, ')');
		}
		fv_str_puts(&s, " wanted ");
		fv_str_puts(&s, fv_page_state_name((enum fv_page_state)want));
		fv_str_puts(&s, " got ");
		fv_str_puts(&s, fv_page_state_name(got));
		fv_fail_end(st);
		return 0;
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Steps: desc                                                            */
/* ---------------------------------------------------------------------- */

enum fv_desc_op {
	FV_OP_SHARE,
	FV_OP_LEND,
	FV_OP_DONATE,
};

/* Keys of `desc`, each at most once. */
enum fv_desc_key {
	FV_KEY_VERSION,
	FV_KEY_OP,
	FV_KEY_SENDER,
	FV_KEY_HANDLE,
	FV_KEY_FLAGS,
	FV_KEY_ATTRIBUTES,
	FV_KEY_TAG,
	FV_KEY_RECEIVERS,
	FV_KEY_RANGES,
	FV_KEY_TOTAL_PAGES,
	FV_KEY_COMPOSITE_OFFSET,
	FV_KEY_COMPOSITE_OFFSETS,
	FV_KEY_CONSTITUENT_COUNT,
	FV_KEY_MAX_BYTES,
	FV_KEY_COUNT,
};

static const char *const fv_desc_keys[FV_KEY_COUNT] = {
	[FV_KEY_VERSION] = "version",
	[FV_KEY_OP] = "op",
	[FV_KEY_SENDER] = "sender",
	[FV_KEY_HANDLE] = "handle",
	[FV_KEY_FLAGS] = "flags",
	[FV_KEY_ATTRIBUTES] = "attributes",
	[FV_KEY_TAG] = "tag",
	[FV_KEY_RECEIVERS] = "receivers",
	[FV_KEY_RANGES] = "ranges",
	[FV_KEY_TOTAL_PAGES] = "total-pages",
	[FV_KEY_COMPOSITE_OFFSET] = "composite-offset",
	[FV_KEY_COMPOSITE_OFFSETS] = "composite-offsets",
	[FV_KEY_CONSTITUENT_COUNT] = "constituent-count",
	[FV_KEY_MAX_BYTES] = "max-bytes",
};

/* The default receiver of vectors.md: 0x8001, rw (none for donate). */
#define FV_DESC_DEFAULT_RECEIVER 0x8001

/**
 * struct fv_desc_args - a parsed `desc` line. The lists stay text: they are
 * checked and counted when parsed, then read again while encoding.
 */
struct fv_desc_args {
	uint32_t seen; /* bit per enum fv_desc_key */
	enum fv_desc_op op;
	struct fv_desc_header h;
	uint64_t values[FV_KEY_COUNT]; /* numeric keys */
	struct fv_tok receivers, ranges, offsets;
	uint64_t total_pages; /* sum of the ranges, wraps at 32 bits */
};

/* "ID:PERM" */
static int fv_desc_receiver(struct fv_state *st, struct fv_tok item, uint16_t *id, uint8_t *perm)
{
	struct fv_tok idt;
	uint32_t named;
	uint64_t v;

	if (!fv_split(&item, ':', &idt))
		return fv_bad_tok(st, "expected ID:PERM, got", item);
	if (fv_value_bits(st, idt, 16, false, &v))
		return -1;
	*id = (uint16_t)v;
	if (fv_find_named(fv_perms, FFA_ARRAY_SIZE(fv_perms), item, &named)) {
		*perm = (uint8_t)named;
		return 0;
	}
	if (!item.n || (!fv_is_digit(item.p[0]) && item.p[0] != '$'))
		return fv_bad_tok(st, "unknown permission", item);
	if (fv_value_bits(st, item, 8, false, &v))
		return -1;
	*perm = (uint8_t)v;
	return 0;
}

/* "ADDR+PAGES" */
static int fv_desc_range_item(struct fv_state *st, struct fv_tok item, uint64_t *addr,
			      uint32_t *pages)
{
	struct fv_tok at;
	uint64_t v;

	if (!fv_split(&item, '+', &at))
		return fv_bad_tok(st, "expected ADDR+PAGES, got", item);
	if (fv_value_bits(st, at, 64, false, addr) || fv_value_bits(st, item, 32, false, &v))
		return -1;
	*pages = (uint32_t)v;
	return 0;
}

static int fv_desc_version(struct fv_state *st, struct fv_tok t, uint32_t *version)
{
	if (fv_tok_is(t, "1.0"))
		*version = FFA_VERSION_1_0;
	else if (fv_tok_is(t, "1.1"))
		*version = FFA_VERSION_1_1;
	else if (fv_tok_is(t, "1.2"))
		*version = FFA_VERSION_1_2;
	else
		return fv_bad_tok(st, "desc version must be 1.0, 1.1 or 1.2, not", t);
	return 0;
}

/* Width of each numeric key's field (bits), and whether -1 style values are fine. */
static unsigned int fv_desc_key_bits(enum fv_desc_key k)
{
	switch (k) {
	case FV_KEY_SENDER:
	case FV_KEY_ATTRIBUTES:
		return 16;
	case FV_KEY_FLAGS:
	case FV_KEY_TOTAL_PAGES:
	case FV_KEY_COMPOSITE_OFFSET:
	case FV_KEY_CONSTITUENT_COUNT:
		return 32;
	default:
		return 64;
	}
}

static int fv_desc_parse(struct fv_state *st, struct fv_desc_args *a)
{
	struct fv_tok t, k, item, list;
	uint16_t id;
	uint8_t perm;
	uint64_t addr, count;
	uint32_t pages;
	unsigned int key;

	while (fv_next(st, &t)) {
		if (!fv_split(&t, '=', &k))
			return fv_bad_tok(st, "expected key=value, got", t);
		for (key = 0; key < FV_KEY_COUNT; key++)
			if (fv_tok_is(k, fv_desc_keys[key]))
				break;
		if (key == FV_KEY_COUNT)
			return fv_bad_tok(st, "unknown desc key", k);
		if (a->seen & (1u << key))
			return fv_bad_tok(st, "key given twice:", k);
		a->seen |= 1u << key;

		switch ((enum fv_desc_key)key) {
		case FV_KEY_VERSION:
			if (fv_desc_version(st, t, &a->h.version))
				return -1;
			break;
		case FV_KEY_OP:
			if (fv_tok_is(t, "share"))
				a->op = FV_OP_SHARE;
			else if (fv_tok_is(t, "lend"))
				a->op = FV_OP_LEND;
			else if (fv_tok_is(t, "donate"))
				a->op = FV_OP_DONATE;
			else
				return fv_bad_tok(st, "op must be share, lend or donate, not", t);
			break;
		case FV_KEY_RECEIVERS:
			a->receivers = t;
			break;
		case FV_KEY_RANGES:
			a->ranges = t;
			break;
		case FV_KEY_COMPOSITE_OFFSETS:
			a->offsets = t;
			break;
		default:
			if (fv_value_bits(st, t, fv_desc_key_bits((enum fv_desc_key)key), true,
					  &a->values[key]))
				return -1;
			break;
		}
	}
	if ((a->seen & (1u << FV_KEY_COMPOSITE_OFFSET)) &&
	    (a->seen & (1u << FV_KEY_COMPOSITE_OFFSETS)))
		return fv_bad(st, "composite-offset and composite-offsets together");

	/* Check and count the lists now; they are read again when encoding. */
	a->h.receiver_count = 1;
	if (a->seen & (1u << FV_KEY_RECEIVERS)) {
		a->h.receiver_count = 0;
		list = a->receivers;
		while (fv_list_next(&list, &item)) {
			if (fv_desc_receiver(st, item, &id, &perm))
				return -1;
			a->h.receiver_count++;
		}
	}
	if (a->seen & (1u << FV_KEY_COMPOSITE_OFFSETS)) {
		count = 0;
		list = a->offsets;
		while (fv_list_next(&list, &item)) {
			if (fv_value_bits(st, item, 32, true, &addr))
				return -1;
			count++;
		}
		if (count != a->h.receiver_count)
			return fv_bad(st, "composite-offsets needs one value per receiver");
	}
	a->h.range_count = 0;
	a->total_pages = 0;
	list = a->ranges;
	while (fv_list_next(&list, &item)) {
		if (fv_desc_range_item(st, item, &addr, &pages))
			return -1;
		a->h.range_count++;
		a->total_pages += pages;
	}
	return 0;
}

/* desc ADDR key=value ... (vectors.md, "desc keys"); saves the length as $len. */
static int fv_do_desc(struct fv_state *st)
{
	static const struct fv_tok len_name = { .p = "len", .n = 3 };
	struct fv_desc_layout layout;
	struct fv_desc_args a;
	struct fv_desc_writer w;
	struct fv_tok list, offsets, item;
	uint32_t composite_offset, total_pages, constituents;
	uint64_t addr, max_bytes, v, bad_addr;
	uint16_t id;
	uint8_t perm;
	uint32_t pages;
	struct fv_str s;

	if (fv_next_value(st, "address", 64, false, &addr))
		return -1;
	ffa_memset(&a, 0, sizeof(a));
	a.op = FV_OP_SHARE;
	/* The negotiated version by default; before any negotiation, 1.2. */
	a.h.version = FFA_VERSION_1_2;
	if (st->version && ffa_version_major(st->version) == 1 &&
	    ffa_version_minor(st->version) < 2)
		a.h.version = st->version;
	if (fv_desc_parse(st, &a))
		return -1;

	a.h.sender = (uint16_t)a.values[FV_KEY_SENDER];
	a.h.handle = a.values[FV_KEY_HANDLE];
	a.h.flags = (uint32_t)a.values[FV_KEY_FLAGS];
	a.h.tag = a.values[FV_KEY_TAG];
	/* vectors.md: 0x2f (normal, write-back, inner shareable) for share, else 0. */
	if (a.seen & (1u << FV_KEY_ATTRIBUTES))
		a.h.attributes = (uint16_t)a.values[FV_KEY_ATTRIBUTES];
	else
		a.h.attributes = a.op == FV_OP_SHARE ? FFA_MEM_ATTR_NORMAL_WB_IS : 0;
	total_pages = (uint32_t)a.total_pages;
	if (a.seen & (1u << FV_KEY_TOTAL_PAGES))
		total_pages = (uint32_t)a.values[FV_KEY_TOTAL_PAGES];
	constituents = (uint32_t)a.h.range_count;
	if (a.seen & (1u << FV_KEY_CONSTITUENT_COUNT))
		constituents = (uint32_t)a.values[FV_KEY_CONSTITUENT_COUNT];
	max_bytes = UINT64_MAX;
	if (a.seen & (1u << FV_KEY_MAX_BYTES))
		max_bytes = a.values[FV_KEY_MAX_BYTES];

	/*
	 * $len is the full length, whatever max-bytes cut (vectors.md). It is
	 * saved once the lists have been read for the last time, so that a
	 * $len inside them means the value from before this line throughout.
	 */
	fv_desc_compute_layout(a.h.version, a.h.receiver_count, a.h.range_count, &layout);
	if (!fv_find_saved(st, len_name.p, len_name.n) && st->saved_count == FV_MAX_SAVED)
		return fv_bad(st, "too many saved values in one case");
	if (!st->running)
		return fv_save(st, len_name, layout.length);

	fv_desc_begin(&w, st->plat, addr, max_bytes, &a.h);
	composite_offset = (uint32_t)layout.composite_offset;
	if (a.seen & (1u << FV_KEY_COMPOSITE_OFFSET))
		composite_offset = (uint32_t)a.values[FV_KEY_COMPOSITE_OFFSET];
	if (a.seen & (1u << FV_KEY_RECEIVERS)) {
		list = a.receivers;
		offsets = a.offsets;
		while (fv_list_next(&list, &item)) {
			/* Both lists were checked by fv_desc_parse(). */
			fv_desc_receiver(st, item, &id, &perm);
			if (fv_list_next(&offsets, &item)) {
				fv_value_bits(st, item, 32, true, &v);
				composite_offset = (uint32_t)v;
			}
			fv_desc_emad(&w, id, perm, composite_offset);
		}
	} else {
		perm = a.op == FV_OP_DONATE ? FFA_DATA_ACCESS_NOT_SPECIFIED : FFA_DATA_ACCESS_RW;
		offsets = a.offsets;
		if (fv_list_next(&offsets, &item)) {
			fv_value_bits(st, item, 32, true, &v);
			composite_offset = (uint32_t)v;
		}
		fv_desc_emad(&w, FV_DESC_DEFAULT_RECEIVER, perm, composite_offset);
	}
	fv_desc_composite(&w, total_pages, constituents);
	list = a.ranges;
	while (fv_list_next(&list, &item)) {
		fv_desc_range_item(st, item, &v, &pages);
		fv_desc_range(&w, v, pages);
	}
	fv_save(st, len_name, layout.length);
	if (!fv_desc_end(&w, &bad_addr))
		return 0;
	fv_fail_begin(st, &s, st->line);
	fv_str_puts(&s, "desc: ");
	fv_str_hex(&s, bad_addr);
	fv_str_puts(&s, " is not in host RAM");
	fv_fail_end(st);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Steps: fault injection and invariants                                  */
/* ---------------------------------------------------------------------- */

/* fail-secure N ERROR */
static int fv_do_fail_secure(struct fv_state *st)
{
	uint64_t nth, error;

	if (fv_next_value(st, "call number", 32, false, &nth) ||
	    fv_next_value(st, "error", 32, true, &error) || fv_no_more(st))
		return -1;
	if (!nth)
		return fv_bad(st, "fail-secure counts from 1 (the next secure-world call)");
	if (!st->running)
		return 0;
	if (fv_plat_fail_secure(st->plat, (unsigned int)nth, (int32_t)(uint32_t)error))
		fv_skip_case(st, "fail-secure: this platform cannot inject faults");
	return 0;
}

static int fv_do_check_invariants(struct fv_state *st)
{
	char why[FV_MSG_MAX / 2];
	struct fv_str s;

	if (fv_no_more(st))
		return -1;
	if (!st->running)
		return 0;
	why[0] = '\0';
	if (!fv_plat_check_invariants(st->plat, why, sizeof(why)))
		return 0;
	fv_fail_begin(st, &s, st->line);
	fv_str_puts(&s, "invariants: ");
	fv_str_puts(&s, why);
	fv_fail_end(st);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Lines                                                                  */
/* ---------------------------------------------------------------------- */

enum fv_kind {
	FV_KIND_WORLD,	/* `world` */
	FV_KIND_CASE,	/* `case` */
	FV_KIND_CONFIG, /* inside a world block */
	FV_KIND_STEP,	/* inside a case */
};

struct fv_directive {
	const char *name;
	enum fv_kind kind;
	int (*run)(struct fv_state *st);
};

static const struct fv_directive fv_directives[] = {
	{ "world", FV_KIND_WORLD, fv_do_world },
	{ "case", FV_KIND_CASE, fv_do_case },
	{ "spmc-version", FV_KIND_CONFIG, fv_do_spmc_version },
	{ "partition", FV_KIND_CONFIG, fv_do_partition },
	{ "memory", FV_KIND_CONFIG, fv_do_memory },
	{ "protected", FV_KIND_CONFIG, fv_do_protected },
	{ "proxy-mailbox-pages", FV_KIND_CONFIG, fv_do_mbox_pages },
	{ "call", FV_KIND_STEP, fv_do_call },
	{ "expect", FV_KIND_STEP, fv_do_expect },
	{ "expect-zero", FV_KIND_STEP, fv_do_expect_zero },
	{ "expect-secure", FV_KIND_STEP, fv_do_expect_secure },
	{ "save", FV_KIND_STEP, fv_do_save },
	{ "write", FV_KIND_STEP, fv_do_write },
	{ "expect-memory", FV_KIND_STEP, fv_do_expect_memory },
	{ "desc", FV_KIND_STEP, fv_do_desc },
	{ "expect-page", FV_KIND_STEP, fv_do_expect_page },
	{ "sp", FV_KIND_STEP, fv_do_sp },
	{ "sp-write", FV_KIND_STEP, fv_do_sp_write },
	{ "fail-secure", FV_KIND_STEP, fv_do_fail_secure },
	{ "check-invariants", FV_KIND_STEP, fv_do_check_invariants },
};

/* One line, [p, end) without its newline. Returns 0 or -1 (malformed). */
static int fv_line(struct fv_state *st, const char *p, const char *end)
{
	const struct fv_directive *d = NULL;
	struct fv_tok t;
	const char *c;
	size_t i;

	if ((size_t)(end - p) >= FV_LINE_MAX)
		return fv_bad(st, "line too long");
	/* `#` starts a comment: nothing in the format spells a `#` otherwise. */
	for (c = p; c < end; c++)
		if (*c == '#')
			break;
	st->cur = p;
	st->end = c;
	if (!fv_next(st, &t))
		return 0;

	for (i = 0; i < FFA_ARRAY_SIZE(fv_directives) && !d; i++)
		if (fv_tok_is(t, fv_directives[i].name))
			d = &fv_directives[i];
	if (!d)
		return fv_bad_tok(st, "unknown directive", t);

	switch (d->kind) {
	case FV_KIND_CONFIG:
		if (st->where != FV_IN_WORLD)
			return fv_bad_tok(st, "outside a world block:", t);
		break;
	case FV_KIND_STEP:
		if (st->where != FV_IN_CASE)
			return fv_bad_tok(st, "outside a case:", t);
		/* fv_parse_world() only wants the world: steps are not even parsed. */
		if (!st->plat)
			return 0;
		break;
	default:
		break;
	}
	return d->run(st);
}

/* Feed every line of @text to fv_line(); stops at the first malformed one. */
static int fv_lines(struct fv_state *st, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	st->line = 0;
	while (p < end) {
		const char *nl = p;

		while (nl < end && *nl != '\n')
			nl++;
		st->line++;
		if (fv_line(st, p, nl))
			return -1;
		p = nl < end ? nl + 1 : nl;
	}
	return 0;
}

static void fv_state_init(struct fv_state *st, struct fv_plat *plat, const char *file,
			  struct fv_result *res)
{
	ffa_memset(st, 0, sizeof(*st));
	st->plat = plat;
	st->file = file;
	st->res = res;
	st->where = FV_AT_TOP;
	fv_world_default(&st->world);
}

void fv_run(struct fv_plat *plat, const char *file, const char *text, size_t len,
	    struct fv_result *res)
{
	struct fv_state st;
	struct fv_str s;

	fv_state_init(&st, plat, file, res);
	if (!fv_lines(&st, text, len)) {
		fv_end_case(&st);
		return;
	}
	/* A malformed file: report where, count one failure, run nothing more. */
	fv_str_init(&s, st.out, sizeof(st.out));
	fv_str_puts(&s, "FAIL ");
	fv_where_prefix(&st, &s, st.line);
	fv_str_puts(&s, st.err);
	fv_plat_print(plat, st.out);
	res->failed++;
}

int fv_parse_world(const char *file, const char *text, size_t len, struct fv_world *w, char *err,
		   size_t err_len)
{
	struct fv_result unused = { 0 };
	struct fv_state st;
	struct fv_str s;

	fv_state_init(&st, NULL, file, &unused);
	if (!fv_lines(&st, text, len)) {
		*w = st.world;
		return 0;
	}
	fv_str_init(&s, err, err_len);
	fv_where_prefix(&st, &s, st.line);
	fv_str_puts(&s, st.err);
	return -1;
}
