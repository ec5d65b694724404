#include <gtest/gtest.h>

#include "ir/graph.h"

using namespace mcunet::ir;

TEST(Ir, ElementCountAndByteSize) {
    Tensor tensor;
    tensor.shape = {1, 96, 96, 1};
    tensor.dtype = DType::Int8;
    EXPECT_EQ(tensor.elementCount(), 9216);
    EXPECT_EQ(tensor.byteSize(), 9216);
    tensor.dtype = DType::Float32;
    EXPECT_EQ(tensor.byteSize(), 36864);
    EXPECT_EQ(shapeToString(tensor.shape), "1x96x96x1");
}
