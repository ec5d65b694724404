/* Bare-metal support for programs run on QEMU's mps2-an500 (Cortex-M7) with mps2_an500.ld: the
 * SysTick registers, semihosting output, and the startup code (vector table, .data/.bss set-up,
 * exit through semihosting once main returns). Shared by the kernel benchmark (qemu_bench.c) and
 * the generated-code firmware of tests/core/codegen_qemu_test.cpp.
 *
 * Include it once per program. The includer defines main() and fault_handler(): what a fault
 * does (hang, or report and exit) is the program's choice. */
#ifndef MCUNET_BENCH_MPS2_AN500_H
#define MCUNET_BENCH_MPS2_AN500_H

#include <stdint.h>

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)

static inline int semihost(int op, const void* arg) {
  register int r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}
static inline void put(const char* s) { semihost(0x04, s); } /* SYS_WRITE0 */

/* label, then value in decimal (no newline). */
static inline void put_u(const char* label, uint32_t value) {
  char text[12];
  int i = 11;
  text[i] = 0;
  do {
    text[--i] = (char)('0' + value % 10u);
    value /= 10u;
  } while (value);
  put(label);
  put(text + i);
}

/* ---- startup ---------------------------------------------------------------------------- */
int main(void);
static void fault_handler(void);
extern uint32_t _data_load, _data_start, _data_end, _bss_start, _bss_end, _stack_top;
void reset_handler(void);
__attribute__((section(".vectors"), used)) static const void* const vectors[16] = {
    &_stack_top, (const void*)reset_handler, (const void*)fault_handler, (const void*)fault_handler,
    (const void*)fault_handler, (const void*)fault_handler, (const void*)fault_handler};

void reset_handler(void) {
  uint32_t* src = &_data_load;
  for (uint32_t* dst = &_data_start; dst < &_data_end;) *dst++ = *src++;
  for (uint32_t* dst = &_bss_start; dst < &_bss_end;) *dst++ = 0;
  main();
  semihost(0x18, (const void*)0x20026u); /* SYS_EXIT, ADP_Stopped_ApplicationExit */
  for (;;) {
  }
}

#endif
