/*
 * SPDX-License-Identifier: Apache-2.0
 * Copyright (c) 2026 The msdk authors
 */
/*
 * AFE port: synthetic 3-phase source -- a stand-in until a host-side grid
 * simulator streams samples over a UART (the AN386 has no metering ADC).
 *
 * CMSDK timer 0 (0x40000000, IRQ 8) interrupts at cfg->rate_hz like the
 * data-ready line of a metering ADC. The clock's 25 MHz time base
 * (msdk_mps2_clock_cycles(), CMSDK timer 1) decides how many frames are due:
 * each interrupt delivers exactly the frames whose sampling instant has
 * passed, so the stream follows emulated time even when QEMU delivers
 * interrupts late or merges them (a loaded host can stall the emulated CPU
 * for tens of milliseconds while emulated time runs on). Up to
 * MSDK_MPS2_AFE_BURST frames go to the handler per call; one interrupt
 * catches up at most one second of frames (rate_hz, like a DMA ring of that
 * size); frames beyond that are skipped and counted by
 * msdk_port_afe_overruns().
 *
 * Signal (see msdk/board/mps2_an386.h for the scaling): 50 Hz, 230 V rms and
 * 5 A rms per phase at unity power factor; L2 and L3 lag L1 by 120 and 240
 * degrees; In = I1 + I2 + I3. The sine comes from a 257-entry quarter-wave
 * table in Q30 with linear interpolation (error below 5e-6 of the peak, i.e.
 * under 16 codes on the voltages and under 4 codes on the currents).
 * Frame n of a run depends only on n and the rate: phase(n) = n * step with
 * step = round(50 * 2^32 / rate).
 */
#include <string.h>
#include "msdk/port/afe.h"
#include "msdk/port/critical.h"
#include "mps2_internal.h"

#define MSDK_MPS2_AFE_RATE_MIN 2000u
#define MSDK_MPS2_AFE_RATE_MAX 8000u
#define MSDK_MPS2_AFE_BURST    32u

#define TMR0(off) MSDK_MPS2_REG(MSDK_MPS2_TIMER0_BASE + (off))

/* sin(k * 90 deg / 256) * 2^30, k = 0..256 */
static const int32_t msdk_mps2_sine_q30[257] = {
    0,          6588356,    13176464,   19764076,   26350943,   32936819,   39521455,   46104602,
    52686014,   59265442,   65842639,   72417357,   78989349,   85558366,   92124163,   98686491,
    105245103,  111799753,  118350194,  124896179,  131437462,  137973796,  144504935,  151030634,
    157550647,  164064728,  170572633,  177074115,  183568930,  190056834,  196537583,  203010932,
    209476638,  215934457,  222384147,  228825464,  235258165,  241682010,  248096755,  254502159,
    260897982,  267283981,  273659918,  280025552,  286380643,  292724951,  299058239,  305380268,
    311690799,  317989595,  324276419,  330551034,  336813204,  343062693,  349299266,  355522689,
    361732726,  367929144,  374111709,  380280190,  386434353,  392573967,  398698801,  404808624,
    410903207,  416982319,  423045732,  429093217,  435124548,  441139496,  447137835,  453119340,
    459083786,  465030947,  470960600,  476872522,  482766489,  488642281,  494499676,  500338453,
    506158392,  511959275,  517740883,  523502998,  529245404,  534967884,  540670223,  546352205,
    552013618,  557654248,  563273883,  568872310,  574449320,  580004702,  585538248,  591049748,
    596538995,  602005783,  607449906,  612871159,  618269338,  623644239,  628995660,  634323400,
    639627258,  644907034,  650162530,  655393548,  660599890,  665781362,  670937767,  676068911,
    681174602,  686254647,  691308855,  696337036,  701339000,  706314559,  711263525,  716185713,
    721080937,  725949013,  730789757,  735602987,  740388522,  745146182,  749875788,  754577161,
    759250125,  763894504,  768510122,  773096806,  777654384,  782182683,  786681534,  791150767,
    795590213,  799999706,  804379079,  808728167,  813046808,  817334838,  821592095,  825818421,
    830013654,  834177638,  838310216,  842411232,  846480531,  850517961,  854523370,  858496606,
    862437520,  866345964,  870221790,  874064853,  877875009,  881652112,  885396022,  889106597,
    892783698,  896427186,  900036924,  903612776,  907154608,  910662286,  914135678,  917574653,
    920979082,  924348837,  927683790,  930983817,  934248793,  937478595,  940673101,  943832191,
    946955747,  950043650,  953095785,  956112036,  959092290,  962036435,  964944360,  967815955,
    970651112,  973449725,  976211688,  978936898,  981625251,  984276646,  986890984,  989468165,
    992008094,  994510675,  996975812,  999403415,  1001793390, 1004145648, 1006460100, 1008736660,
    1010975242, 1013175761, 1015338134, 1017462281, 1019548121, 1021595575, 1023604567, 1025575020,
    1027506862, 1029400018, 1031254418, 1033069992, 1034846671, 1036584389, 1038283080, 1039942680,
    1041563127, 1043144360, 1044686319, 1046188946, 1047652185, 1049075980, 1050460278, 1051805027,
    1053110176, 1054375676, 1055601479, 1056787540, 1057933813, 1059040255, 1060106826, 1061133483,
    1062120190, 1063066909, 1063973603, 1064840240, 1065666786, 1066453210, 1067199483, 1067905576,
    1068571464, 1069197120, 1069782521, 1070327646, 1070832474, 1071296985, 1071721163, 1072104991,
    1072448455, 1072751542, 1073014240, 1073236540, 1073418433, 1073559913, 1073660973, 1073721611,
    1073741824,
};

typedef struct msdk_mps2_afe {
    msdk_afe_handler_t handler;
    void *ctx;
    uint32_t rate_hz;
    uint32_t step;        /* phase increment per frame (2^32 = one grid period) */
    uint32_t phase;       /* phase of the next frame */
    uint64_t last_cycles; /* clock cycles at the previous interrupt */
    uint64_t acc;         /* elapsed cycles * rate not yet turned into frames */
    volatile uint32_t overruns;
    volatile bool running;
} msdk_mps2_afe_t;

static msdk_mps2_afe_t msdk_mps2_afe;
static msdk_afe_frame_t msdk_mps2_afe_burst[MSDK_MPS2_AFE_BURST];

void msdk_mps2_afe_handler(void);

/* sin(2 pi phase / 2^32) in Q30. */
static int32_t msdk_mps2_sin_q30(uint32_t phase)
{
    uint32_t quadrant = phase >> 30;
    uint32_t p = phase & 0x3FFFFFFFu;
    if ((quadrant & 1u) != 0u) {
        p = 0x40000000u - p;
    }
    uint32_t idx = p >> 22;
    uint32_t frac = p & 0x3FFFFFu;
    int32_t v = msdk_mps2_sine_q30[idx];
    if (idx < 256u) {
        int32_t d = msdk_mps2_sine_q30[idx + 1u] - v;
        v += (int32_t)(((int64_t)d * (int64_t)frac) >> 22);
    }
    return (quadrant >= 2u) ? -v : v;
}

static int32_t msdk_mps2_scale(int32_t peak, int32_t s_q30)
{
    int64_t x = (int64_t)peak * (int64_t)s_q30;
    return (int32_t)((x + ((int64_t)1 << 29)) >> 30);
}

static void msdk_mps2_afe_fill(msdk_afe_frame_t *f, uint32_t phase)
{
    static const uint32_t lag[3] = { 0u, 0x55555555u, 0xAAAAAAABu };
    int32_t in = 0;
    for (unsigned ph = 0; ph < 3u; ph++) {
        int32_t s = msdk_mps2_sin_q30(phase - lag[ph]);
        f->ch[MSDK_AFE_CH_V1 + ph] = msdk_mps2_scale(MSDK_MPS2_AFE_V_PEAK_CODE, s);
        f->ch[MSDK_AFE_CH_I1 + ph] = msdk_mps2_scale(MSDK_MPS2_AFE_I_PEAK_CODE, s);
        in += f->ch[MSDK_AFE_CH_I1 + ph];
    }
    f->ch[MSDK_AFE_CH_IN] = in;
}

void msdk_mps2_afe_handler(void)
{
    msdk_mps2_afe_t *a = &msdk_mps2_afe;

    TMR0(MSDK_MPS2_TIMER_INTCLEAR) = 1u;
    if (!a->running) {
        return;
    }
    uint64_t now = msdk_mps2_clock_cycles();
    uint64_t elapsed = now - a->last_cycles;
    a->last_cycles = now;
    a->acc += elapsed * a->rate_hz;

    uint64_t due64 = a->acc / MSDK_MPS2_SYSCLK_HZ;
    a->acc -= due64 * MSDK_MPS2_SYSCLK_HZ;
    uint32_t due = (uint32_t)due64;
    if (due64 > a->rate_hz) {
        /* Stalled for more than a second: skip (and count) the excess. */
        uint32_t lost = (due64 > UINT32_MAX) ? UINT32_MAX : (uint32_t)(due64 - a->rate_hz);
        due = a->rate_hz;
        a->overruns += lost;
        a->phase += a->step * lost;
    }
    while (due > 0u) {
        uint32_t n = (due < MSDK_MPS2_AFE_BURST) ? due : MSDK_MPS2_AFE_BURST;
        for (uint32_t i = 0; i < n; i++) {
            msdk_mps2_afe_fill(&msdk_mps2_afe_burst[i], a->phase);
            a->phase += a->step;
        }
        due -= n;
        a->handler(a->ctx, msdk_mps2_afe_burst, n);
    }
    msdk_mps2_event = true;
}

msdk_err_t msdk_port_afe_start(const msdk_afe_config_t *cfg, msdk_afe_handler_t handler, void *ctx)
{
    msdk_mps2_afe_t *a = &msdk_mps2_afe;

    if ((cfg == NULL) || (handler == NULL) || (cfg->rate_hz < MSDK_MPS2_AFE_RATE_MIN) ||
        (cfg->rate_hz > MSDK_MPS2_AFE_RATE_MAX)) {
        return MSDK_ERR_INVALID_ARG;
    }
    if (a->running) {
        return MSDK_ERR_STATE;
    }

    a->handler = handler;
    a->ctx = ctx;
    a->rate_hz = cfg->rate_hz;
    a->step =
        (uint32_t)((((uint64_t)MSDK_MPS2_AFE_GRID_HZ << 32) + (cfg->rate_hz / 2u)) / cfg->rate_hz);
    a->phase = 0u;
    a->acc = 0u;
    a->overruns = 0u;
    a->last_cycles = msdk_mps2_clock_cycles();
    a->running = true;

    uint32_t period = MSDK_MPS2_SYSCLK_HZ / cfg->rate_hz;
    TMR0(MSDK_MPS2_TIMER_CTRL) = 0u;
    TMR0(MSDK_MPS2_TIMER_RELOAD) = period - 1u;
    TMR0(MSDK_MPS2_TIMER_VALUE) = period - 1u;
    TMR0(MSDK_MPS2_TIMER_INTCLEAR) = 1u;
    msdk_mps2_irq_enable(MSDK_MPS2_TIMER0_IRQ, MSDK_MPS2_PRIO_AFE);
    TMR0(MSDK_MPS2_TIMER_CTRL) = MSDK_MPS2_TIMER_CTRL_EN | MSDK_MPS2_TIMER_CTRL_IE;
    if ((TMR0(MSDK_MPS2_TIMER_CTRL) & MSDK_MPS2_TIMER_CTRL_EN) == 0u) {
        a->running = false;
        msdk_mps2_irq_disable(MSDK_MPS2_TIMER0_IRQ);
        return MSDK_ERR_IO;
    }
    return MSDK_OK;
}

msdk_err_t msdk_port_afe_stop(void)
{
    msdk_mps2_irq_disable(MSDK_MPS2_TIMER0_IRQ);
    TMR0(MSDK_MPS2_TIMER_CTRL) = 0u;
    TMR0(MSDK_MPS2_TIMER_INTCLEAR) = 1u;
    msdk_mps2_afe.running = false;
    return MSDK_OK;
}

uint32_t msdk_port_afe_overruns(void)
{
    return msdk_mps2_afe.overruns;
}
