# Script mode (cmake -P): builds engine/bench/qemu_bench.c for Cortex-M7 twice (ACLE SIMD path and
# MCUNET_ENGINE_FORCE_PORTABLE) and runs both on QEMU mps2-an500 with -icount shift=0, printing
# instruction counts per kernel. Inputs: ARM_GCC, QEMU, SOURCE_DIR, WORK_DIR.
file(MAKE_DIRECTORY ${WORK_DIR})
set(sources ${SOURCE_DIR}/bench/qemu_bench.c ${SOURCE_DIR}/src/conv.c ${SOURCE_DIR}/src/depthwise.c)
foreach(variant simd portable)
  set(defs -DMCUNET_QEMU_BENCH_VARIANT="${variant}")
  if(variant STREQUAL "portable")
    list(APPEND defs -DMCUNET_ENGINE_FORCE_PORTABLE)
  endif()
  set(elf ${WORK_DIR}/qemu_bench_${variant}.elf)
  execute_process(
    COMMAND ${ARM_GCC} -mcpu=cortex-m7 -mthumb -O2 -std=c99 -Wall -Wextra -Werror
      -ffunction-sections -fdata-sections -nostartfiles -Wl,--gc-sections
      -T ${SOURCE_DIR}/bench/mps2_an500.ld -I${SOURCE_DIR}/include ${defs} ${sources}
      -o ${elf} -lc -lnosys
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "qemu bench build (${variant}) failed:\n${out}${err}")
  endif()
  execute_process(
    COMMAND ${QEMU} -machine mps2-an500 -cpu cortex-m7 -nographic -icount shift=0
      -semihosting-config enable=on,target=native -kernel ${elf}
    TIMEOUT 300 RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message("${out}${err}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "qemu run (${variant}) failed: ${rc}")
  endif()
  string(REGEX MATCHALL "[a-z0-9_]+_fnv1a=[0-9]+" hashes_${variant} "${out}${err}")
endforeach()
# The SIMD and portable builds must produce the same bytes on the target.
if(NOT hashes_simd STREQUAL hashes_portable OR NOT hashes_simd)
  message(FATAL_ERROR "SIMD and portable outputs differ on Cortex-M7:\n${hashes_simd}\n${hashes_portable}")
endif()
message("SIMD and portable output hashes identical on Cortex-M7")
