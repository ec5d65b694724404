/* MCUNet engine: C99 int8 kernels with TF-Lite Micro semantics, for generated code. See
 * engine/README.md for the conventions (params structs, scratch-size functions, naming). */
#ifndef MCUNET_ENGINE_H
#define MCUNET_ENGINE_H

#include "mcunet_engine/quant.h"
#include "mcunet_engine/conv.h"
#include "mcunet_engine/fully_connected.h"
#include "mcunet_engine/elementwise.h"
#include "mcunet_engine/pooling.h"
#include "mcunet_engine/reduce.h"
#include "mcunet_engine/activation.h"
#include "mcunet_engine/data_movement.h"
#include "mcunet_engine/quantize.h"

#ifdef __cplusplus
extern "C" {
#endif
int mcunet_engine_version(void);
#ifdef __cplusplus
}
#endif

#endif /* MCUNET_ENGINE_H */
