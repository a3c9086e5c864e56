/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/* The security state in libeventlog snapshot stores (msdk/eventlog/snapshot.h).
 *
 * Placement: the MA304H4_SEC_REC_SECTORS (16) sectors at the top of the data NVM, from
 * base = size - 16 * S, split by how often the state changes:
 *   sectors 0..1   keys     id 0x534B "SK"  138 bytes  policy, keys_set, EK, BEK, AK, KEK of
 *                                                      both setups, their generations
 *   sectors 2..3   pairs    id 0x5350 "SP"  196 bytes  setup 1's P-256 keys
 *   sectors 4..12  counters id 0x5343 "SC"   29 bytes  transmit bound, received counters
 *   sectors 13..15 lockout  id 0x534C "SL"   44 bytes  lockout of the 7 associations
 * Every store has format version 1; little-endian; every copy starts with the store's
 * save tokens (below): a u16 in the keys, pairs and lockout copies; in the counters copies
 * one u8 per setup (setup 0's, then setup 1's).
 *   keys:     tokens | per setup: generation u8, changed key_id bits u8, policy u8,
 *             keys_set u8, EK, BEK, AK, KEK (16 each)
 *   pairs:    tokens | meter private key (32), meter public key (65), client public key
 *             (65, zero when withdrawn), the HLS 7 test client's private key (32)
 *   counters: tokens | per setup: generation of its keys u8, transmit bound u32, last
 *             received counter of the EK u32 and of the BEK u32 | flags u8 (bit 2 * setup +
 *             k: received counter k has a last value; bit 7: the copy a first start writes
 *             before its first keys copy)
 *   lockout:  tokens | per association: time left u32 (ms), failures u8, level u8
 * A counters copy of the earlier firmware held one u16 of at most 128 tokens for both
 * setups: it reads as setup 0's tokens (at most the 64 of its bucket) and none for setup 1,
 * never more than it held.
 * Records of the earlier interim format (nvrec.h, "MREC") in these sectors are not migrated:
 * to the stores they are unusable sectors, so a meter that holds only such records starts
 * as a new one, with the default test keys (or the configured ones) and new P-256 key pairs,
 * and its counters from 0; the old records are erased as the rings reach their sectors.
 *
 * System titles and AES-GCM nonces. The meter protects every APDU it sends (and the f(StoC)
 * of HLS 5) under a key of the association's setup (EK, AK, or a dedicated key) with the
 * IV = server system title || invocation counter, the counter taken from that setup's
 * transmit counter. Each setup has a server system title of its own (attribute 5 of its
 * Security setup object, the responding-AP-title of its AAREs): setup 0's is the configured
 * one (dlms.system-title, 4D53444B00000001 by default), setup 1's is setup 0's with the top
 * bit of its fourth octet (the first after the three of the manufacturer) inverted, so the
 * two differ whatever keys the setups hold (both start with the same EK and AK, and a
 * key_transfer may give them equal keys). No (key, system title, counter) triple repeats:
 * - two setups never share a system title, so never an IV;
 * - within a setup, the counter of one EK is handed out once: below a bound that is durable
 *   before use (I5 of EVENTS.md, the transmit reservation below), across any power cut (the
 *   generation argument below: the counters of an EK are never paired with an older bound,
 *   nor restarted while that EK stays in force); a new EK restarts it at 0, which is safe
 *   because the key management system never transfers a key that was in use before
 *   (class_security.h); a dedicated key of an association uses the same counter, so it is
 *   never handed out twice under it either.
 *
 * Endurance (budget: every sector under 10 % of 100,000 erase cycles in 20 years = 7,305
 * days, i.e. 10,000 erases, 1.37 a day). With S = 4096, P = 256, prog_align 1 (the simulator
 * and the MPS2 board), a copy takes a slot of Z = 16 + 2 + size bytes (docs/nvm-format.md):
 *   keys     Z = 156: 1 slot a page, N = 16 a sector; ring 2 x 16 = 32 slots
 *   pairs    Z = 214: N = 16;                          ring 2 x 16 = 32
 *   counters Z = 47:  5 slots a page, N = 80;          ring 9 x 80 = 720
 *   lockout  Z = 62:  3 in page 0, 4 in the others, N = 63; ring 3 x 63 = 189
 * A ring of R slots erases each of its sectors once per R saves. Saves are limited by the
 * code: each store has a budget of tokens in a bucket (the counters store: one bucket per
 * setup); a save takes one (nothing is written without one); one token comes back per
 * period of uptime, up to a capacity; the tokens left are stored in every copy, so a restart
 * gives none back. So over any time T of uptime a bucket takes at most capacity + T / period
 * saves, whatever the clients or the power cuts do:
 *   counters two buckets, each one per 240 s: together 720 a day / 720 = 1.00 erase a
 *            sector a day, 7,305 in 20 years (7.3 %); capacity 64 each (0.2 erase once)
 *   lockout  one per 480 s: 180 a day / 189 = 0.95 a day, 6,957 in 20 years (7.0 %);
 *            capacity 32
 *   keys     one per hour: 24 a day / 32 = 0.75 a day, 5,479 in 20 years (5.5 %); capacity 8
 *   pairs    one per hour: 0.75 a day, as the keys; capacity 8
 * A store without a copy (a blank NVM) starts with a full budget; the first start's copies
 * take from it (the counters copy from setup 0's bucket).
 * What takes the tokens:
 *   counters, the bucket of the setup concerned: the received counter of every ciphered
 *             SET or ACTION (saved before it runs); every transmit reservation (one per
 *             IC_WINDOW = 10,000 ciphered APDUs of a setup, and the first APDU after each
 *             start); the counters copies of a key or policy change (below). Setup 1's
 *             clients (6 and 7) take only setup 1's bucket, so they can never take the saves
 *             of setup 0's management client;
 *   lockout:  a change of failures, level or lock (a lockout starting or running out) of an
 *             association (a copy holds them all; below);
 *   keys:     key_transfer and security_activate (commits). Setup 1's clients reach only
 *             security_activate of setup 1 (test client 6), which changes something only
 *             when it strengthens the policy: at most 4 keys copies in the meter's life;
 *   pairs:    generate_key_pair, a client signature certificate imported or removed.
 * Key changes reserve their saves before they are answered: key_transfer and
 * security_activate ask reserve_setup() (msdk_cosem_secsetup_t::reserve) before they answer
 * success; it takes a keys token and, from the setup's counters bucket, one token for the
 * counters copy of the change, one more when the counters copy written first (below) is
 * due, and one more for the restart of a new EK's transmit counter. Without them the method
 * answers temporary-failure; with them the commit after the response cannot fail for want of
 * budget (only on a write error: then nothing changes and no event is raised). The commit
 * or the discard gives back what was not used; held tokens are not in the copies, so a
 * restart gives none of them back either.
 * With no token left: a ciphered SET/ACTION is refused (operation-not-possible), the
 * transmit counter hands out nothing until the next token (no ciphered APDU, the
 * association fails), a key change is refused (temporary-failure), a key pair change
 * answers hardware-fault. Ordinary use stays far below: a management session a day with a
 * few SETs, one reservation per start.
 *
 * The lockout. The tick saves a copy when an association's failures, level or lock change,
 * the end of a lockout included; a change that finds no token stays to save and is saved at
 * the first tick after the next token comes back (at most 480 s of uptime later: the tokens
 * only go to these copies, and each copy holds the whole current state), or by the
 * power-fail save when it finds a token. A restart resumes each lockout for the time it had
 * left in the newest copy, from the restart (msdk_cosem_lockout_load(), at most the 24 h
 * cap): never longer than the lockout was when that copy was written, never a higher level.
 * So a lockout that ran out comes back after a restart only when its end had not been saved
 * yet: with a token the end is saved at the tick after it; with the budget spent, a restart
 * within 480 s of uptime after the end may bring it back, for at most the time it had left
 * in its last copy. A failure or a new lockout not saved yet is lost by a restart in the same
 * window (the library's rule that a cut prolongs and never shortens holds for what is saved).
 *
 * Key changes and power cuts (keys and counters in two stores). Each keys copy carries per
 * setup a generation g (modulo 256), one more for every keys copy that changes that setup,
 * and the key_id bits of the keys that copy changed; each counters copy carries per setup
 * the generation of the keys its counters belong to. A change (msdk_cosem_secsetup_commit():
 * save() of the new material, then msdk_cosem_tx_ic_restart()) writes the keys copy g + 1
 * first and then the counters copy g + 1 (a new EK's transmit counter at 0 with nothing
 * reserved, a new EK's or BEK's received counter restarted, as the commit hands them over);
 * save() reports success only when both are durable, and only then are the new keys used.
 * Before a keys copy that raises g is written, the newest counters copy must carry g (when a
 * start found the state below with c = g - 1 and nothing has been saved since, a counters
 * copy of generation g is written first). A first start writes its counters copy
 * (generation 1 for both setups, nothing used, flag bit 7) before its keys copy of
 * generation 1, so a counters copy exists before any keys copy does, and the counters ring
 * always keeps its newest copy. So, after a cut anywhere, the newest copies give per setup
 * c = g or c = g - 1:
 * - c = g: the counters are those of these keys; used as they are.
 * - c = g - 1: the cut came between the two copies of a change (or the state is still the
 *   one a start made of such a cut). No counters copy of generation g was ever durable, and
 *   under keys of generation g the meter hands out a transmit counter only below a bound
 *   saved in a copy of generation g, and runs a ciphered SET or ACTION only after a copy
 *   with its counter: so the keys that generation g changed (its key_id bits) were never
 *   used for either. Their counters start afresh: a changed EK's transmit counter from 0
 *   (nothing was handed out under it) and its received counter restarted, a changed BEK's
 *   received counter restarted; the keys g did not change keep the counters of g - 1,
 *   which were theirs. So the meter never pairs a new key with counters of the old one,
 *   in particular not with the client counter the old one reached.
 * - The reverse order cannot happen: counters of generation g + 1 (a restarted counter)
 *   are written only after the keys copy g + 1 is durable; the newest keys copy then is
 *   g + 1, so the old keys (generation g) never come back with a restarted counter.
 * - A counters copy with flag bit 7 and no keys copy: a first start cut short; nothing was
 *   used under any key, so the start is a first start again.
 * - Anything else (c > g, c < g - 1, keys without any counters copy, counters without keys
 *   and without bit 7): no cut leaves it (NVM damage, an erased store, foreign data). As
 *   secstate.h asks for a record that cannot be trusted, that setup's transmit counter is
 *   exhausted and its received counters accept nothing (for keys without counters: both
 *   setups): no ciphering with it until its keys change (for setup 0 that means a new NVM).
 * - A save that writes keys and fails with a write error leaves on the NVM what a cut at
 *   that point would, but the keys in RAM stay the old ones; from then on no save is done
 *   until a restart, which reads a state a cut can leave.
 * The transmit reservation keeps I5 of EVENTS.md (an invocation counter never decreases
 * across a cut): persist_ic() returns MSDK_OK only once the counters copy with the new bound
 * is durable (msdk_evlog_snap_save() programs the copy and reads it back), and the counter
 * hands out values below that bound only then. The pairs and the lockout are independent
 * of the other stores (a cut leaves each of them old or new).
 * Damage: ma304h4_sec_damage() sums what the opening of the four stores met, for the
 * start's NVM error event (app.c).
 * tests/integration/sim_security.sh rebuilds the state of a cut between the two copies of a
 * key change (and the impossible reverse) from NVM images and checks what the meter does;
 * it also erases the counters store under the keys, and checks the nonces of the two
 * setups, their budgets, a key change over the budget and the end of a lockout. */
#include "dlms_sec.h"

#include <string.h>

#include "msdk/core/byteorder.h"
#include "msdk/port/board.h"
#include "msdk/port/clock.h"

/* The stores. */
enum {
    ST_KEYS,
    ST_PAIRS,
    ST_CTR,
    ST_LOCK
};

#define FORMAT     1u
#define TOKENS_LEN 2u
#define KEYS_SETUP 68u
#define KEYS_LEN   (TOKENS_LEN + (MA304H4_SEC_SETUPS * KEYS_SETUP))
#define PAIRS_LEN  (TOKENS_LEN + 32u + 65u + 65u + 32u)
#define CTR_SETUP  13u
#define CTR_LEN    (TOKENS_LEN + (MA304H4_SEC_SETUPS * CTR_SETUP) + 1u)
#define LOCK_ONE   6u
#define LOCK_LEN   (TOKENS_LEN + (MA304H4_ASSOCS * LOCK_ONE))
#define IMG_MAX    PAIRS_LEN

/* One store: its first sector in the 16, sectors, object size, log id, save budget (per
 * bucket), buckets (1, or one per setup). */
typedef struct store_def {
    uint8_t first;
    uint8_t sectors;
    uint16_t size;
    uint16_t id;
    uint16_t capacity;
    uint32_t period_ms;
    uint8_t buckets;
} store_def_t;

static const store_def_t store_defs[MA304H4_SEC_STORES] = {
    [ST_KEYS] = { 0u, 2u, KEYS_LEN, 0x534Bu, 8u, 3600000u, 1u },
    [ST_PAIRS] = { 2u, 2u, PAIRS_LEN, 0x5350u, 8u, 3600000u, 1u },
    [ST_CTR] = { 4u, 9u, CTR_LEN, 0x5343u, 64u, 240000u, MA304H4_SEC_SETUPS },
    [ST_LOCK] = { 13u, 3u, LOCK_LEN, 0x534Cu, 32u, 480000u, 1u },
};

/* Flags of a counters copy: the copy a first start writes before its first keys copy. */
#define CTR_FIRST          0x80u
/* Setup 1's server system title: setup 0's with this bit of its fourth octet inverted. */
#define TITLE_SETUP1_OCTET 3u
#define TITLE_SETUP1_BIT   0x80u

/* Transmit counter window: one counters copy per 10,000 ciphered APDUs of a setup (at most
 * 10,000 values skipped per start: 429,496 starts per key). */
#define IC_WINDOW  10000u
/* A transmit counter that hands out nothing (exhausted) and a received counter that accepts
 * nothing: a setup whose counters cannot be trusted. */
#define IC_BLOCKED 0xFFFFFFFFu

#define BIT_EK   MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_UNICAST)
#define BIT_BEK  MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_GLOBAL_BROADCAST)
#define BIT_AK   MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_AUTHENTICATION)
#define BIT_KEK  MSDK_COSEM_SECSETUP_KEY_BIT(MSDK_COSEM_KEY_ID_MASTER)
#define BITS_ALL ((uint8_t)(BIT_EK | BIT_BEK | BIT_AK | BIT_KEK))

static const uint8_t gb_ek[16] = { 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                   0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F };
static const uint8_t gb_ak[16] = { 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7,
                                   0xD8, 0xD9, 0xDA, 0xDB, 0xDC, 0xDD, 0xDE, 0xDF };
static const uint8_t meter_title[8] = { 0x4D, 0x53, 0x44, 0x4B, 0x00, 0x00, 0x00, 0x01 };

/* What one save writes: the material of each setup, its transmit bound and generation. */
typedef struct plan {
    const msdk_cosem_secsetup_t *m[MA304H4_SEC_SETUPS];
    uint32_t bound[MA304H4_SEC_SETUPS];
    uint8_t gen[MA304H4_SEC_SETUPS];
    uint8_t chg[MA304H4_SEC_SETUPS];
    bool keys;     /* a keys copy (then a counters copy follows) */
    bool pairs;    /* a pairs copy */
    bool counters; /* a counters copy */
    bool first;    /* a first start: the counters copy (flag CTR_FIRST) before the keys copy */
    uint8_t payer; /* the setup whose counters bucket pays the counters copies */
} plan_t;

/* ---- Budgets ------------------------------------------------------------------------------ */

/* Gives back to bucket b the tokens earned since its last top-up (the tokens held for a key
 * change count towards the capacity). */
static void refill(ma304h4_sec_store_t *st, const store_def_t *d, uint8_t b)
{
    const uint64_t now = msdk_port_clock_uptime_ms();
    if (now <= st->last_ms[b]) {
        return;
    }
    const uint64_t k = (now - st->last_ms[b]) / d->period_ms;
    const uint16_t cap = (st->held[b] < d->capacity) ? (uint16_t)(d->capacity - st->held[b]) : 0u;
    if (st->tokens[b] + k >= cap) {
        st->tokens[b] = (st->tokens[b] > cap) ? st->tokens[b] : cap;
        st->last_ms[b] = now;
    } else {
        st->tokens[b] = (uint16_t)(st->tokens[b] + k);
        st->last_ms[b] += k * d->period_ms;
    }
}

/* The tokens of store k into the first bytes of a copy. */
static void put_tokens(const ma304h4_sec_store_t *st, unsigned k, uint8_t *img)
{
    if (store_defs[k].buckets == 1u) {
        msdk_store_u16le(img, st->tokens[0]);
    } else {
        for (uint8_t b = 0; b < MA304H4_SEC_SETUPS; b++) {
            img[b] = (uint8_t)st->tokens[b]; /* at most the capacity, 64 */
        }
    }
}

/* The tokens of store k from a copy (clamped to the capacity), or a full budget (NULL). */
static void get_tokens(ma304h4_sec_store_t *st, unsigned k, const uint8_t *img)
{
    const store_def_t *d = &store_defs[k];
    for (uint8_t b = 0; b < MA304H4_SEC_SETUPS; b++) {
        uint16_t t = d->capacity;
        if (b >= d->buckets) {
            t = 0u; /* no such bucket */
        } else if (img == NULL) {
            /* A full budget. */
        } else {
            t = (d->buckets == 1u) ? msdk_load_u16le(img) : img[b];
        }
        st->tokens[b] = (t > d->capacity) ? d->capacity : t;
        st->held[b] = 0u;
    }
}

/* Saves a copy of store k paid by bucket b (its first bytes get the tokens left after this
 * save). */
static msdk_err_t store_save(ma304h4_sec_t *s, unsigned k, uint8_t b, uint8_t *img)
{
    ma304h4_sec_store_t *st = &s->store[k];
    st->tokens[b]--;
    put_tokens(st, k, img);
    return msdk_evlog_snap_save(&st->snap, img);
}

/* ---- Images ------------------------------------------------------------------------------- */

static void keys_image(const plan_t *pl, uint8_t *p)
{
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        const msdk_cosem_secsetup_t *u = pl->m[i];
        uint8_t *q = &p[TOKENS_LEN + (i * KEYS_SETUP)];
        q[0] = pl->gen[i];
        q[1] = pl->chg[i];
        q[2] = u->policy;
        q[3] = u->keys_set;
        memcpy(&q[4], u->ek, 16u);
        memcpy(&q[20], u->bek, 16u);
        memcpy(&q[36], u->ak, 16u);
        memcpy(&q[52], u->kek, 16u);
    }
}

static void pairs_image(const ma304h4_sec_t *s, const msdk_cosem_secsetup_t *u, uint8_t *p)
{
    memcpy(&p[TOKENS_LEN], u->sign_key, 32u);
    memcpy(&p[TOKENS_LEN + 32u], u->sign_pub, 65u);
    if (u->has_client_pub) {
        memcpy(&p[TOKENS_LEN + 97u], u->client_pub, 65u);
    } else {
        memset(&p[TOKENS_LEN + 97u], 0, 65u);
    }
    memcpy(&p[TOKENS_LEN + 162u], s->client7_key, 32u);
}

static void counters_image(const plan_t *pl, uint8_t *p)
{
    uint8_t flags = 0u;
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        const msdk_cosem_secsetup_t *u = pl->m[i];
        uint8_t *q = &p[TOKENS_LEN + (i * CTR_SETUP)];
        q[0] = pl->gen[i];
        msdk_store_u32le(&q[1], pl->bound[i]);
        for (uint8_t k = 0; k < 2u; k++) {
            msdk_store_u32le(&q[5u + (4u * k)], msdk_cosem_rx_ic_last(&u->rx_ic[k]));
            if (msdk_cosem_rx_ic_lowest_acceptable(&u->rx_ic[k]) != 0u) {
                flags = (uint8_t)(flags | (1u << ((2u * i) + k)));
            }
        }
    }
    p[CTR_LEN - 1u] = (uint8_t)(flags | (pl->first ? CTR_FIRST : 0u));
}

static void lockout_image(const ma304h4_sec_t *s, uint8_t *p)
{
    for (uint8_t i = 0; i < MA304H4_ASSOCS; i++) {
        msdk_cosem_lockout_record_t r;
        msdk_cosem_lockout_save(&s->lockout[i], s->server.now_ms, &r);
        uint8_t *q = &p[TOKENS_LEN + (i * LOCK_ONE)];
        msdk_store_u32le(q, r.remaining_ms);
        q[4] = r.failures;
        q[5] = r.level;
    }
}

/* ---- Saves -------------------------------------------------------------------------------- */

/* The plan of a save of the state as it is (every setup's material and bound). */
static void plan_live(const ma304h4_sec_t *s, plan_t *pl)
{
    memset(pl, 0, sizeof *pl);
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        pl->m[i] = &s->setup[i];
        pl->bound[i] = s->setup[i].tx_ic.bound;
        pl->gen[i] = s->gen[i];
        pl->chg[i] = s->kchg[i];
    }
}

/* Whether the newest counters copy is of older keys than those in force (a counters copy of
 * the keys in force is then due before the next keys copy). */
static bool sync_due(const ma304h4_sec_t *s)
{
    bool due = false;
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        due = due || (s->c_gen[i] != s->gen[i]);
    }
    return due;
}

/* Writes what the plan asks, in the order the power-cut argument above needs: pairs; then
 * (keys only) a counters copy of the keys in force if the newest one is of older keys, the
 * keys copy; the counters copy (a first start: the counters copy before the keys copy). The
 * counters copies are paid by the bucket of pl->payer. MSDK_OK only when everything is
 * durable. */
static msdk_err_t run_plan(ma304h4_sec_t *s, const plan_t *pl)
{
    if (!s->stored) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (s->broken) {
        return MSDK_ERR_STATE;
    }
    const bool sync_first = pl->keys && !pl->first && sync_due(s);
    const uint16_t need[MA304H4_SEC_STORES] = {
        [ST_KEYS] = pl->keys ? 1u : 0u,
        [ST_PAIRS] = pl->pairs ? 1u : 0u,
        [ST_CTR] = (uint16_t)((pl->counters ? 1u : 0u) + (sync_first ? 1u : 0u)),
        [ST_LOCK] = 0u,
    };
    for (unsigned k = 0; k < MA304H4_SEC_STORES; k++) {
        const uint8_t b = (k == ST_CTR) ? pl->payer : 0u;
        if (need[k] == 0u) {
            continue;
        }
        if (!s->store[k].open) {
            return MSDK_ERR_NOT_SUPPORTED;
        }
        refill(&s->store[k], &store_defs[k], b);
        if (s->store[k].tokens[b] < need[k]) {
            return MSDK_ERR_WOULD_BLOCK; /* over the save budget: nothing written */
        }
    }
    uint8_t img[IMG_MAX];
    msdk_err_t err = MSDK_OK;
    if (pl->pairs) {
        pairs_image(s, pl->m[1], img);
        err = store_save(s, ST_PAIRS, 0u, img);
    }
    if ((err == MSDK_OK) && sync_first) {
        plan_t live;
        plan_live(s, &live);
        counters_image(&live, img);
        err = store_save(s, ST_CTR, pl->payer, img);
        if (err == MSDK_OK) {
            memcpy(s->c_gen, s->gen, sizeof s->c_gen);
        }
    }
    if ((err == MSDK_OK) && pl->first && pl->counters) {
        counters_image(pl, img);
        err = store_save(s, ST_CTR, pl->payer, img);
    }
    if ((err == MSDK_OK) && pl->keys) {
        keys_image(pl, img);
        err = store_save(s, ST_KEYS, 0u, img);
    }
    if ((err == MSDK_OK) && !pl->first && pl->counters) {
        counters_image(pl, img);
        err = store_save(s, ST_CTR, pl->payer, img);
    }
    msdk_port_crypto_zeroize(img, sizeof img);
    if (err != MSDK_OK) {
        if (pl->keys) {
            s->broken = true;
            msdk_port_board_log("dlms: the keys could not be saved: no security save until a "
                                "restart");
        }
        return err;
    }
    if (pl->keys) {
        memcpy(s->gen, pl->gen, sizeof s->gen);
        memcpy(s->kchg, pl->chg, sizeof s->kchg);
    }
    if (pl->counters) {
        memcpy(s->c_gen, pl->gen, sizeof s->c_gen);
    }
    return MSDK_OK;
}

/* The transmit counter's reservation (ctx: the setup's ref): durable before it is used. */
static msdk_err_t persist_ic(void *ctx, uint32_t bound)
{
    ma304h4_sec_ref_t *r = ctx;
    plan_t pl;
    plan_live(r->sec, &pl);
    pl.bound[r->which] = bound;
    pl.counters = true;
    pl.payer = r->which;
    return run_plan(r->sec, &pl);
}

/* Gives back the tokens setup i's key change holds. */
static void unreserve(ma304h4_sec_t *s, uint8_t i)
{
    ma304h4_sec_store_t *k = &s->store[ST_KEYS];
    ma304h4_sec_store_t *c = &s->store[ST_CTR];
    k->tokens[0] = (uint16_t)(k->tokens[0] + s->resv_keys[i]);
    k->held[0] = (uint16_t)(k->held[0] - s->resv_keys[i]);
    c->tokens[i] = (uint16_t)(c->tokens[i] + s->resv_ctr[i]);
    c->held[i] = (uint16_t)(c->held[i] - s->resv_ctr[i]);
    s->resv_keys[i] = 0u;
    s->resv_ctr[i] = 0u;
}

/* The setup's reserve() (ctx: its ref): before key_transfer or security_activate answer
 * success, the tokens the commit of `change` takes (the argument at the top); change 0: the
 * commit or the discard gives back what was not used. */
static msdk_err_t reserve_setup(void *ctx, uint8_t change)
{
    ma304h4_sec_ref_t *r = ctx;
    ma304h4_sec_t *s = r->sec;
    const uint8_t i = r->which;
    if (change == 0u) {
        unreserve(s, i);
        return MSDK_OK;
    }
    if (!s->stored || !s->store[ST_KEYS].open || !s->store[ST_CTR].open) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    if (s->broken) {
        return MSDK_ERR_STATE;
    }
    /* The counters copy of the change, the one due first, the restart of a new EK. */
    const uint8_t want_ctr =
        (uint8_t)(1u + (sync_due(s) ? 1u : 0u) + (((change & BIT_EK) != 0u) ? 1u : 0u));
    const uint8_t more_keys = (s->resv_keys[i] < 1u) ? 1u : 0u;
    const uint8_t more_ctr =
        (s->resv_ctr[i] < want_ctr) ? (uint8_t)(want_ctr - s->resv_ctr[i]) : 0u;
    ma304h4_sec_store_t *k = &s->store[ST_KEYS];
    ma304h4_sec_store_t *c = &s->store[ST_CTR];
    refill(k, &store_defs[ST_KEYS], 0u);
    refill(c, &store_defs[ST_CTR], i);
    if ((k->tokens[0] < more_keys) || (c->tokens[i] < more_ctr)) {
        return MSDK_ERR_WOULD_BLOCK; /* over the save budget: the change is refused */
    }
    k->tokens[0] = (uint16_t)(k->tokens[0] - more_keys);
    k->held[0] = (uint16_t)(k->held[0] + more_keys);
    s->resv_keys[i] = (uint8_t)(s->resv_keys[i] + more_keys);
    c->tokens[i] = (uint16_t)(c->tokens[i] - more_ctr);
    c->held[i] = (uint16_t)(c->held[i] + more_ctr);
    s->resv_ctr[i] = (uint8_t)(s->resv_ctr[i] + more_ctr);
    return MSDK_OK;
}

/* Key bits whose key differs between a and b (or is set in one only). */
static uint8_t key_changes(const msdk_cosem_secsetup_t *a, const msdk_cosem_secsetup_t *b)
{
    const uint8_t *ka[4] = { a->ek, a->bek, a->ak, a->kek };
    const uint8_t *kb[4] = { b->ek, b->bek, b->ak, b->kek };
    const uint8_t bit[4] = { BIT_EK, BIT_BEK, BIT_AK, BIT_KEK };
    uint8_t chg = (uint8_t)((a->keys_set ^ b->keys_set) & BITS_ALL);
    for (unsigned k = 0; k < 4u; k++) {
        if (memcmp(ka[k], kb[k], 16u) != 0) {
            chg = (uint8_t)(chg | bit[k]);
        }
    }
    return chg;
}

static bool pairs_differ(const msdk_cosem_secsetup_t *a, const msdk_cosem_secsetup_t *b)
{
    return (a->has_sign_key != b->has_sign_key) || (a->has_client_pub != b->has_client_pub) ||
           (memcmp(a->sign_key, b->sign_key, sizeof a->sign_key) != 0) ||
           (memcmp(a->sign_pub, b->sign_pub, sizeof a->sign_pub) != 0) ||
           (memcmp(a->client_pub, b->client_pub, sizeof a->client_pub) != 0);
}

static bool counters_differ(const msdk_cosem_secsetup_t *a, const msdk_cosem_secsetup_t *b)
{
    bool d = a->tx_ic.bound != b->tx_ic.bound;
    for (unsigned k = 0; k < 2u; k++) {
        d = d || (msdk_cosem_rx_ic_lowest_acceptable(&a->rx_ic[k]) !=
                  msdk_cosem_rx_ic_lowest_acceptable(&b->rx_ic[k]));
    }
    return d;
}

/* The setup's save() (ctx: its ref). The live material: a received counter to keep before
 * its request runs. A copy (a commit or a key pair change saves the new material before it
 * takes effect): the stores it changes. */
static msdk_err_t save_setup(void *ctx, const msdk_cosem_secsetup_t *u)
{
    ma304h4_sec_ref_t *r = ctx;
    ma304h4_sec_t *s = r->sec;
    const uint8_t i = r->which;
    const msdk_cosem_secsetup_t *cur = &s->setup[i];
    plan_t pl;
    plan_live(s, &pl);
    pl.m[i] = u;
    pl.bound[i] = u->tx_ic.bound;
    pl.payer = i;
    if (u == cur) {
        pl.counters = true;
        return run_plan(s, &pl);
    }
    const uint8_t chg = key_changes(cur, u);
    pl.keys = (chg != 0u) || (u->policy != cur->policy);
    if (pl.keys) {
        pl.gen[i] = (uint8_t)(s->gen[i] + 1u);
        pl.chg[i] = chg;
        unreserve(s, i); /* the commit's tokens, held since its method (reserve_setup()) */
    }
    pl.pairs = pairs_differ(cur, u);
    if (pl.pairs && (i != 1u)) {
        return MSDK_ERR_NOT_SUPPORTED; /* only setup 1's key pairs are stored */
    }
    pl.counters = pl.keys || counters_differ(cur, u);
    if (!pl.keys && !pl.pairs && !pl.counters) {
        return MSDK_OK; /* what is stored already */
    }
    return run_plan(s, &pl);
}

/* Whether association i is locked out, its level and failures, as the tick compares them
 * (a lockout that runs out is a change). */
static uint32_t lock_state(const ma304h4_sec_t *s, uint8_t i)
{
    msdk_cosem_lockout_record_t r;
    msdk_cosem_lockout_save(&s->lockout[i], s->server.now_ms, &r);
    return ((r.remaining_ms != 0u) ? 0x10000u : 0u) | ((uint32_t)r.level << 8) | r.failures;
}

/* ---- Start -------------------------------------------------------------------------------- */

static void tx_init(ma304h4_sec_t *s, uint8_t i, uint32_t bound)
{
    const msdk_cosem_tx_ic_config_t cfg = { IC_WINDOW, persist_ic, &s->ref[i] };
    msdk_err_t err = msdk_cosem_tx_ic_init(&s->setup[i].tx_ic, &cfg, bound);
    (void)err; /* the configuration is valid */
}

/* Refuses every ciphered APDU of setup i until its keys change. */
static void block(ma304h4_sec_t *s, uint8_t i)
{
    tx_init(s, i, IC_BLOCKED);
    msdk_cosem_rx_ic_restore(&s->setup[i].rx_ic[0], IC_BLOCKED);
    msdk_cosem_rx_ic_restore(&s->setup[i].rx_ic[1], IC_BLOCKED);
}

static void restore_keys(ma304h4_sec_t *s, const uint8_t *p)
{
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        msdk_cosem_secsetup_t *u = &s->setup[i];
        const uint8_t *q = &p[TOKENS_LEN + (i * KEYS_SETUP)];
        s->gen[i] = q[0];
        s->kchg[i] = q[1];
        u->policy = q[2];
        u->keys_set = q[3];
        memcpy(u->ek, &q[4], 16u);
        memcpy(u->bek, &q[20], 16u);
        memcpy(u->ak, &q[36], 16u);
        memcpy(u->kek, &q[52], 16u);
    }
}

static void restore_pairs(ma304h4_sec_t *s, const uint8_t *p)
{
    msdk_cosem_secsetup_t *k = &s->setup[1];
    memcpy(k->sign_key, &p[TOKENS_LEN], 32u);
    memcpy(k->sign_pub, &p[TOKENS_LEN + 32u], 65u);
    memcpy(k->client_pub, &p[TOKENS_LEN + 97u], 65u);
    memcpy(s->client7_key, &p[TOKENS_LEN + 162u], 32u);
    k->has_sign_key = true;
    k->has_client_pub = (k->client_pub[0] == 0x04u); /* zero once its certificate went */
}

/* The counters of setup i from the counters copy p under keys of generation s->gen[i] (the
 * argument at the top); NULL: keys without any counters copy, which no cut leaves. */
static void restore_counters(ma304h4_sec_t *s, uint8_t i, const uint8_t *p)
{
    if (p == NULL) {
        msdk_port_board_log((i == 0u) ? "dlms: setup 0: keys without counters: ciphering "
                                        "refused until its keys change"
                                      : "dlms: setup 1: keys without counters: ciphering "
                                        "refused until its keys change");
        s->c_gen[i] = (uint8_t)(s->gen[i] - 1u); /* the blocked state is saved before a change */
        block(s, i);
        return;
    }
    const uint8_t *q = &p[TOKENS_LEN + (i * CTR_SETUP)];
    const uint8_t cg = q[0];
    s->c_gen[i] = cg;
    uint8_t fresh = 0u; /* keys whose counters start afresh */
    if (cg == s->gen[i]) {
        fresh = 0u;
    } else if ((uint8_t)(cg + 1u) == s->gen[i]) {
        fresh = s->kchg[i];
    } else {
        msdk_port_board_log((i == 0u) ? "dlms: setup 0: keys and counters do not match: "
                                        "ciphering refused until its keys change"
                                      : "dlms: setup 1: keys and counters do not match: "
                                        "ciphering refused until its keys change");
        block(s, i);
        return;
    }
    tx_init(s, i, ((fresh & BIT_EK) != 0u) ? 0u : msdk_load_u32le(&q[1]));
    const uint8_t bit[2] = { BIT_EK, BIT_BEK };
    for (uint8_t k = 0; k < 2u; k++) {
        msdk_cosem_rx_ic_t *rx = &s->setup[i].rx_ic[k];
        msdk_cosem_rx_ic_init(rx);
        bool has = (p[CTR_LEN - 1u] & (1u << ((2u * i) + k))) != 0u;
        if (has && ((fresh & bit[k]) == 0u)) {
            msdk_cosem_rx_ic_restore(rx, msdk_load_u32le(&q[5u + (4u * k)]));
        }
    }
}

static void restore_lockout(ma304h4_sec_t *s, const uint8_t *p)
{
    for (uint8_t i = 0; i < MA304H4_ASSOCS; i++) {
        const uint8_t *q = &p[TOKENS_LEN + (i * LOCK_ONE)];
        const msdk_cosem_lockout_record_t r = { msdk_load_u32le(q), q[4], q[5] };
        if (msdk_cosem_lockout_load(&s->lockout[i], &s->server.lockout_cfg, s->server.now_ms, &r) !=
            MSDK_OK) {
            msdk_cosem_lockout_init(&s->lockout[i]);
        }
        s->lock_seen[i] = lock_state(s, i);
    }
}

/* A key or title from the board's settings (`--config dlms.ek=<hex>` on the simulator):
 * true when given and well formed; a malformed one is logged and ignored. */
static bool config_hex(const char *key, uint8_t *out, size_t n)
{
    const char *v = msdk_port_board_config(key);
    if (v == NULL) {
        return false;
    }
    uint8_t tmp[32];
    bool ok = (strlen(v) == 2u * n) && (n <= sizeof tmp);
    for (size_t i = 0; ok && (i < 2u * n); i++) {
        char c = v[i];
        uint8_t d = (c >= '0' && c <= '9')   ? (uint8_t)(c - '0')
                    : (c >= 'A' && c <= 'F') ? (uint8_t)(c - 'A' + 10)
                    : (c >= 'a' && c <= 'f') ? (uint8_t)(c - 'a' + 10)
                                             : 0xFFu;
        ok = d != 0xFFu;
        tmp[i / 2u] = (uint8_t)((i % 2u == 0u) ? (d << 4) : (tmp[i / 2u] | d));
    }
    if (ok) {
        memcpy(out, tmp, n);
    } else {
        msdk_port_board_log("dlms: a configured key or title is not hex of the right length");
    }
    msdk_port_crypto_zeroize(tmp, sizeof tmp);
    return ok;
}

/* First start: the example keys or the configured ones; counters from 0. */
static void default_keys(ma304h4_sec_t *s)
{
    msdk_cosem_secsetup_t *m = &s->setup[0];
    m->policy = (uint8_t)(MSDK_COSEM_POLICY_AUTH_REQUEST | MSDK_COSEM_POLICY_ENC_REQUEST |
                          MSDK_COSEM_POLICY_AUTH_RESPONSE | MSDK_COSEM_POLICY_ENC_RESPONSE);
    memcpy(m->ek, gb_ek, 16u);
    memcpy(m->ak, gb_ak, 16u);
    memcpy(m->kek, gb_ek, 16u); /* the Green Book example KEK equals its EK */
    m->keys_set = (uint8_t)(BIT_EK | BIT_AK | BIT_KEK);
    (void)config_hex("dlms.ek", m->ek, 16u);
    (void)config_hex("dlms.ak", m->ak, 16u);
    (void)config_hex("dlms.kek", m->kek, 16u);
    msdk_cosem_secsetup_t *t = &s->setup[1];
    t->policy = 0u;
    memcpy(t->ek, m->ek, 16u);
    memcpy(t->ak, m->ak, 16u);
    memcpy(t->kek, m->kek, 16u);
    t->keys_set = m->keys_set;
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        tx_init(s, i, 0u);
        msdk_cosem_rx_ic_init(&s->setup[i].rx_ic[0]);
        msdk_cosem_rx_ic_init(&s->setup[i].rx_ic[1]);
    }
}

/* First start: new P-256 key pairs for the meter and the HLS 7 test client. */
static msdk_err_t default_pairs(ma304h4_sec_t *s)
{
    msdk_cosem_secsetup_t *t = &s->setup[1];
    msdk_err_t err = msdk_port_crypto_ecdsa_p256_keygen(&s->drbg, t->sign_key, t->sign_pub);
    if (err == MSDK_OK) {
        err = msdk_port_crypto_ecdsa_p256_keygen(&s->drbg, s->client7_key, t->client_pub);
    }
    t->has_sign_key = (err == MSDK_OK);
    t->has_client_pub = (err == MSDK_OK);
    return err;
}

/* "dlms: test key <what> <hex>" on the board log (no printf: no heap on the target). */
static void log_hex(const char *what, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789ABCDEF";
    static const char head[] = "dlms: test key ";
    char line[200];
    size_t k = sizeof head - 1u;
    memcpy(line, head, k);
    size_t w = strlen(what);
    if (k + w + 1u + 2u * n + 1u > sizeof line) {
        return;
    }
    memcpy(&line[k], what, w);
    k += w;
    line[k++] = ' ';
    for (size_t i = 0; i < n; i++) {
        line[k++] = digits[p[i] >> 4];
        line[k++] = digits[p[i] & 0x0Fu];
    }
    line[k] = '\0';
    msdk_port_board_log(line);
}

/* Whether the data NVM has room for the stores (and the sectors below them). */
static bool has_room(const msdk_nvm_t *nvm)
{
    return (nvm != NULL) && (nvm->geo.sector_size != 0u) &&
           (nvm->geo.size >= 2u * MA304H4_SEC_REC_SECTORS * nvm->geo.sector_size);
}

/* Where store k lives on nvm (has_room()). */
static msdk_evlog_snap_config_t store_config(const msdk_nvm_t *nvm, unsigned k)
{
    const uint32_t sec = nvm->geo.sector_size;
    const uint32_t base = nvm->geo.size - (MA304H4_SEC_REC_SECTORS * sec);
    const store_def_t *d = &store_defs[k];
    const msdk_evlog_snap_config_t cfg = { nvm,        base + (d->first * sec),
                                           d->sectors, d->size,
                                           d->id,      FORMAT };
    return cfg;
}

/* Opens the stores (s->stored when all four opened); found[k]: store k holds a copy of this
 * format, read into img[k]; failed: a store could not be read. */
static void open_stores(ma304h4_sec_t *s, const msdk_nvm_t *nvm, uint8_t img[][IMG_MAX],
                        bool *found, bool *failed)
{
    const uint64_t now = msdk_port_clock_uptime_ms();
    bool all = true;
    *failed = false;
    for (unsigned k = 0; k < MA304H4_SEC_STORES; k++) {
        const msdk_evlog_snap_config_t cfg = store_config(nvm, k);
        ma304h4_sec_store_t *st = &s->store[k];
        uint16_t version = 0u;
        msdk_err_t err = msdk_evlog_snap_open(&st->snap, &cfg, img[k], &version);
        found[k] = (err == MSDK_OK) && (version == FORMAT);
        st->open = (err == MSDK_OK) || (err == MSDK_ERR_NOT_FOUND);
        get_tokens(st, k, found[k] ? img[k] : NULL);
        st->last_ms[0] = now;
        st->last_ms[1] = now;
        all = all && st->open;
        *failed = *failed || !st->open;
    }
    s->stored = all;
}

uint32_t ma304h4_sec_damage(const ma304h4_sec_t *s)
{
    uint32_t n = 0u;
    for (unsigned k = 0; k < MA304H4_SEC_STORES; k++) {
        if (s->store[k].open) {
            n += msdk_evlog_snap_damage(&s->store[k].snap);
        }
    }
    return n;
}

msdk_err_t ma304h4_sec_init(ma304h4_sec_t *s)
{
    memset(s, 0, sizeof *s);
    s->server.now_ms = msdk_port_clock_uptime_ms();
    uint8_t title[8];
    memcpy(title, meter_title, sizeof title);
    (void)config_hex("dlms.system-title", title, sizeof title);
    for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
        s->ref[i].sec = s;
        s->ref[i].which = i;
        s->setup[i].suite = i; /* setup 0: suite 0; setup 1: suite 1 (ECDSA) */
        memcpy(s->setup[i].server_title, title, sizeof title);
        s->setup[i].save = save_setup;
        s->setup[i].save_ctx = &s->ref[i];
        s->setup[i].reserve = reserve_setup;
    }
    /* A system title of each setup: no nonce of one can be one of the other's (the top). */
    s->setup[1].server_title[TITLE_SETUP1_OCTET] ^= TITLE_SETUP1_BIT;
    s->server.drbg = &s->drbg;
    s->server.lockout = s->lockout;
    msdk_cosem_secevents_init(&s->server.events, NULL, NULL);
    for (uint8_t i = 0; i < MA304H4_ASSOCS; i++) {
        msdk_cosem_lockout_init(&s->lockout[i]);
    }
    static const char pers[] = "MA304H4 DLMS";
    msdk_err_t err = msdk_port_crypto_init();
    if (err == MSDK_OK) {
        err = msdk_port_crypto_drbg_seed(&s->drbg, msdk_port_crypto_board_entropy, NULL,
                                         (const uint8_t *)pers, sizeof pers - 1u);
    }
    if (err != MSDK_OK) {
        msdk_port_board_log("dlms: no random source: HLS and ciphering are off");
        return err;
    }
    const msdk_nvm_t *nvm = msdk_port_board_nvm(MSDK_BOARD_NVM_DATA);
    const bool room = has_room(nvm);
    uint8_t img[MA304H4_SEC_STORES][IMG_MAX];
    bool found[MA304H4_SEC_STORES] = { false, false, false, false };
    bool failed = false;
    if (room) {
        open_stores(s, nvm, img, found, &failed);
    }
    bool new_pairs = false;
    bool new_keys = false;
    /* Setup 1's key pairs: stored, or new. */
    if (found[ST_PAIRS]) {
        restore_pairs(s, img[ST_PAIRS]);
    } else {
        err = default_pairs(s);
        new_pairs = true;
    }
    /* The keys and their counters (the argument at the top of this file). */
    if (found[ST_KEYS]) {
        restore_keys(s, img[ST_KEYS]);
        for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
            if (s->store[ST_CTR].open) {
                restore_counters(s, i, found[ST_CTR] ? img[ST_CTR] : NULL);
            } else {
                block(s, i);
            }
        }
        if ((msdk_port_board_config("dlms.ek") != NULL) ||
            (msdk_port_board_config("dlms.ak") != NULL) ||
            (msdk_port_board_config("dlms.kek") != NULL)) {
            msdk_port_board_log("dlms: configured keys ignored: the NVM holds the keys in force "
                                "(change them with key_transfer, or start with a new NVM)");
        }
    } else if ((found[ST_CTR] && ((img[ST_CTR][CTR_LEN - 1u] & CTR_FIRST) == 0u)) || failed) {
        /* Counters without their keys (but for a first start's copy: nothing used yet), or a
         * store that cannot be read: nothing tells which counter values were used under
         * which key. */
        default_keys(s);
        block(s, 0u);
        block(s, 1u);
        msdk_port_board_log("dlms: the keys cannot be read: ciphering refused");
    } else {
        /* A new meter (or one with records of the earlier format only, or a first start cut
         * short): the defaults, keys of generation 1 that are all new, counters from 0. */
        default_keys(s);
        new_keys = true;
    }
    if (found[ST_LOCK]) {
        restore_lockout(s, img[ST_LOCK]);
    }
    msdk_port_crypto_zeroize(img, sizeof img);
    if ((err == MSDK_OK) && s->stored && (new_keys || new_pairs)) {
        plan_t pl;
        plan_live(s, &pl);
        pl.pairs = new_pairs;
        if (new_keys) {
            /* The counters copy first (the argument at the top), from setup 0's bucket. */
            for (uint8_t i = 0; i < MA304H4_SEC_SETUPS; i++) {
                pl.gen[i] = 1u;
                pl.chg[i] = BITS_ALL;
            }
            pl.keys = true;
            pl.counters = true;
            pl.first = true;
        }
        err = run_plan(s, &pl);
    }
    if (!room) {
        msdk_port_board_log("dlms: no NVM for the security state: counters restart at 0");
    } else if (failed) {
        msdk_port_board_log("dlms: the NVM of the security state cannot be read: nothing saved");
    } else {
        /* The stores are open. */
    }
    /* Setup 1's certificates, below the stores; the client key of HLS 7 follows the stored
     * client certificate. */
    s->setup[1].certs = ma304h4_certs_open(
        &s->certs,
        (nvm != NULL) ? nvm->geo.size - MA304H4_SEC_REC_SECTORS * nvm->geo.sector_size : 0u);
    msdk_err_t synced = msdk_cosem_secsetup_sync_certs(&s->setup[1]);
    (void)synced; /* without a client certificate the stored key stays */
    const msdk_cosem_secsetup_t *m = &s->setup[0];
    log_hex("system-title", m->server_title, 8u);
    log_hex("system-title-1", s->setup[1].server_title, 8u);
    log_hex("EK", m->ek, 16u);
    log_hex("AK", m->ak, 16u);
    log_hex("KEK", m->kek, 16u);
    log_hex("client7-private", s->client7_key, 32u);
    log_hex("client7-public", s->setup[1].client_pub, 65u);
    log_hex("meter-public", s->setup[1].sign_pub, 65u);
    return err;
}

/* ---- Lockout ------------------------------------------------------------------------------ */

/* Saves the lockout (within its budget); now: program only (the power-fail path). */
static msdk_err_t save_lockout(ma304h4_sec_t *s, bool now)
{
    ma304h4_sec_store_t *st = &s->store[ST_LOCK];
    if (!s->stored || !st->open) {
        return MSDK_ERR_NOT_SUPPORTED;
    }
    refill(st, &store_defs[ST_LOCK], 0u);
    if (st->tokens[0] == 0u) {
        return MSDK_ERR_WOULD_BLOCK;
    }
    uint8_t img[LOCK_LEN];
    lockout_image(s, img);
    st->tokens[0]--;
    put_tokens(st, ST_LOCK, img);
    msdk_err_t err =
        now ? msdk_evlog_snap_save_now(&st->snap, img) : msdk_evlog_snap_save(&st->snap, img);
    if (err == MSDK_OK) {
        s->lock_dirty = false;
    }
    return err;
}

void ma304h4_sec_tick(ma304h4_sec_t *s, uint64_t now_ms)
{
    s->server.now_ms = now_ms;
    /* A change of the lockout state (a failure counted, a success) is saved at once when
     * the budget allows, so that restarting the meter does not reset it. */
    for (uint8_t i = 0; i < MA304H4_ASSOCS; i++) {
        uint32_t v = lock_state(s, i);
        s->lock_dirty = s->lock_dirty || (v != s->lock_seen[i]);
        s->lock_seen[i] = v;
    }
    if (s->lock_dirty) {
        (void)save_lockout(s, false);
    }
}

msdk_err_t ma304h4_sec_power_fail(ma304h4_sec_t *s)
{
    return s->lock_dirty ? save_lockout(s, true) : MSDK_OK;
}

uint32_t ma304h4_sec_client_ic(const ma304h4_sec_t *s, unsigned setup)
{
    uint64_t low = msdk_cosem_rx_ic_lowest_acceptable(&s->setup[setup].rx_ic[0]);
    return (low > UINT32_MAX) ? UINT32_MAX : (uint32_t)low;
}
