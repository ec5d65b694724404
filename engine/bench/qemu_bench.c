/* Instruction counts of engine kernels on an emulated Cortex-M7 (QEMU mps2-an500 with
 * -icount shift=0: the virtual clock advances 1 ns per guest instruction, and SysTick, clocked at
 * the board's 25 MHz, decrements once every 40 ns, i.e. every 40 instructions). Built twice by
 * engine/cmake/qemu_bench.cmake: with the ACLE SIMD paths (default for cortex-m7) and with
 * MCUNET_ENGINE_FORCE_PORTABLE. Shapes are mcunet_vww's ops 2 (first 3x3 conv), 5 (1x1 expand)
 * 7 (3x3 stride-2 depthwise) and 3 (3x3 stride-1 depthwise, regular and in place). Output goes through semihosting. */
#include <stdint.h>
#include <string.h>

#include "mcunet_engine/conv.h"
#include "mps2_an500.h"

/* Each result on its own line: label, value, newline. */
static void put_line_u(const char* label, uint32_t v) {
  put_u(label, v);
  put("\n");
}

static uint32_t ticks_start(void) {
  SYST_RVR = 0xFFFFFFu;
  SYST_CVR = 0;
  SYST_CSR = 5u; /* enable, processor clock */
  return SYST_CVR;
}
static uint32_t ticks_since(uint32_t start) { return (start - SYST_CVR) & 0xFFFFFFu; }

static int8_t in_buf[80 * 80 * 3 > 40 * 40 * 48 ? 80 * 80 * 3 : 40 * 40 * 48];
static int8_t out_buf[40 * 40 * 48];
static int8_t filter_buf[48 * 16];
static int32_t bias_buf[48];
static int32_t mult_buf[48];
static int32_t shift_buf[48];
static int16_t scratch_buf[2 * 27 + 2 * 48];

static void fill(void) {
  uint32_t s = 12345u;
  for (uint32_t i = 0; i < sizeof in_buf; ++i) {
    s = s * 1664525u + 1013904223u;
    in_buf[i] = (int8_t)(s >> 24);
  }
  for (uint32_t i = 0; i < sizeof filter_buf; ++i) {
    s = s * 1664525u + 1013904223u;
    filter_buf[i] = (int8_t)(s >> 24);
  }
  for (int i = 0; i < 48; ++i) {
    bias_buf[i] = 100 * i - 2000;
    mult_buf[i] = 1518500250;
    shift_buf[i] = -8;
  }
}

static mcu_conv_params conv(int hw, int cin, int cout, int k, int stride, int pad) {
  mcu_conv_params p;
  memset(&p, 0, sizeof p);
  p.batches = 1;
  p.input_h = p.input_w = hw;
  p.input_c = cin;
  p.output_c = cout;
  p.kernel_h = p.kernel_w = k;
  p.stride_h = p.stride_w = stride;
  p.dilation_h = p.dilation_w = 1;
  p.depth_multiplier = 1;
  p.output_h = p.output_w = (hw + stride - 1) / stride;
  p.pad_top = p.pad_left = pad;
  p.input_zero_point = -3;
  p.output_zero_point = 5;
  p.activation_min = -128;
  p.activation_max = 127;
  p.output_multiplier = mult_buf;
  p.output_shift = shift_buf;
  return p;
}

static uint32_t checksum(const int8_t* p, uint32_t n) {
  uint32_t h = 0x811c9dc5u;
  for (uint32_t i = 0; i < n; ++i) h = (h ^ (uint8_t)p[i]) * 0x01000193u;
  return h;
}

int main(void) {
  fill();
  put(MCUNET_QEMU_BENCH_VARIANT "\n");
  {
    /* Calibration: 200000 iterations of a 2-instruction loop = 400000 instructions. */
    uint32_t n = 200000u;
    const uint32_t t = ticks_start();
    __asm__ volatile("1: subs %0, %0, #1\n bne 1b\n" : "+r"(n) : : "cc");
    put_line_u("calibration_400000_instructions_ticks=", ticks_since(t));
  }
  {
    mcu_conv_params p = conv(80, 3, 16, 3, 2, 0); /* SAME on 80 with stride 2: pad 0 before */
    const uint32_t t = ticks_start();
    mcu_conv_s8(&p, in_buf, filter_buf, bias_buf, out_buf, scratch_buf);
    put_line_u("conv3x3s2_80x80x3_to_16_instructions=", ticks_since(t) * 40u);
    put_line_u("conv3x3s2_80x80x3_to_16_fnv1a=", checksum(out_buf, 40 * 40 * 16));
  }
  {
    mcu_conv_params p = conv(40, 16, 48, 1, 1, 0);
    const uint32_t t = ticks_start();
    mcu_conv_1x1_s8(&p, in_buf, filter_buf, bias_buf, out_buf, scratch_buf);
    put_line_u("conv1x1_40x40x16_to_48_instructions=", ticks_since(t) * 40u);
    put_line_u("conv1x1_40x40x16_to_48_fnv1a=", checksum(out_buf, 40 * 40 * 48));
  }
  {
    mcu_conv_params p = conv(40, 48, 48, 3, 2, 0);
    const uint32_t t = ticks_start();
    mcu_depthwise_conv_s8(&p, in_buf, filter_buf, bias_buf, out_buf, 0);
    put_line_u("depthwise3x3s2_40x40x48_instructions=", ticks_since(t) * 40u);
    put_line_u("depthwise3x3s2_40x40x48_fnv1a=", checksum(out_buf, 20 * 20 * 48));
  }
  {
    /* mcunet_vww op 3: depthwise 3x3 stride 1 SAME on 40x40x16, regular and in place. */
    mcu_conv_params p = conv(40, 16, 16, 3, 1, 1);
    uint32_t t = ticks_start();
    mcu_depthwise_conv_s8(&p, in_buf, filter_buf, bias_buf, out_buf, 0);
    put_line_u("depthwise3x3s1_40x40x16_instructions=", ticks_since(t) * 40u);
    put_line_u("depthwise3x3s1_40x40x16_fnv1a=", checksum(out_buf, 40 * 40 * 16));
    static int8_t plane[40 * 40];
    t = ticks_start();
    mcu_depthwise_conv_s8_inplace(&p, in_buf, filter_buf, bias_buf, plane);
    put_line_u("depthwise3x3s1_inplace_40x40x16_instructions=", ticks_since(t) * 40u);
    put_line_u("depthwise3x3s1_inplace_40x40x16_fnv1a=", checksum(in_buf, 40 * 40 * 16));
  }
  return 0;
}

/* A fault hangs; the QEMU run's timeout reports it. */
static void fault_handler(void) {
  put("fault\n");
  for (;;) {
  }
}
