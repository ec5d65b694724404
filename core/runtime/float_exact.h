// Include first in every kernel file that does float arithmetic.
//
// TFLM's expected float outputs come from a build that rounds every multiply and every add
// separately (x86-64 without FMA; an M7 build matched only with -ffp-contract=off). A compiler
// allowed to fuse a*b+c into one FMA (GCC's default once -march has FMA, clang's default
// within an expression) changes the last bits, and the oracle would stop being exact. These
// pragmas switch contraction off for the rest of the translation unit whatever the flags.
#pragma once

#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif
