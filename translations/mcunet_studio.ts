<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>QObject</name>
    <message>
        <source>unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in example %1 (MCUNet config).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCUNet config, architecture only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Int8 weights generated from seed %1, not trained: sizes and memory are real, predictions are not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 SRAM, %3 Flash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scale %1, zero point %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per-channel (%1 scales on axis %2), %3 … %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to spare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SRAM %1 · Flash %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Does your network fit the microcontroller?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A .tflite model, an MCUNet .json config or zoo:NAME</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::studio::AnalysisView</name>
    <message>
        <source>&lt;b&gt;Memory over time&lt;/b&gt;  colour = buffer · hatched = scratch · dashed = arena · red = SRAM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arena our generated code uses (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TF-Lite Micro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TF-Lite Micro&apos;s greedy arena plan, estimated (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠ Unsupported by our engine: %1. These ops are listed in the table; the engine plan and code generation cannot handle this model as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model to see its memory over time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our engine cannot run this model:
%1

Switch to the TF-Lite Micro plan to see its memory.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::studio::MainWindow</name>
    <message>
        <source>Network editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an MCUNet .json config or an example to edit its network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; %1 stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Config As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Engine Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;TF-Lite Micro Plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Chart Zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About MCUNet Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About MCUNet Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;MCUNet Studio&lt;/b&gt;&lt;br&gt;Does your network fit the microcontroller? Drop a .tflite model or an MCUNet config to see its memory.&lt;br&gt;kB = 1024 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Board: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target board: its SRAM and Flash are the limits the verdict checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and keep the current model (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop a .tflite model or an MCUNet .json config here, or use File &gt; Open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysing %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analysed for %1 in %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-profiled in %1 ms (lower %2 ms, analyse %3 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 ops — opened in %3 ms (read %4 ms, analyse %5 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expand ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block %1: add shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block %1: remove shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block %1: %2 = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution %1 px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width × %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-profiling %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save MCUNet Config</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCUNet configs (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open; %1 stays open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MCUNet Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2 — MCUNet Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (edited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models (*.tflite *.json);;TF-Lite models (*.tflite);;MCUNet configs (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::widgets::BlockTableModel</name>
    <message>
        <source>ZeroLayer: this block passes its input through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Depthwise kernel size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand ratio: mid channels = in × ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expanded (mid) channels, follows in × expand ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity shortcut (residual add, &quot;skip&quot;): needs stride 1 and in = out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::widgets::FlashChart</name>
    <message>
        <source>Flash (kB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TF-Lite Micro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Flash %2 </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our engine: %1 = weights %2 + bias %3 + requant %4 + other %5 + code %6%7 + glue %8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (measured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (estimated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our engine cannot run this model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TF-Lite Micro: %1 = .tflite %2 + code ~%3 (estimate).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2&lt;br&gt;%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias / requant params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other constants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>.tflite file (weights inside)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>generated glue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::widgets::LayerDetails</name>
    <message>
        <source>Property</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a layer in the table or the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (constant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quantization</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#%1  %2%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  (unsupported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stride</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>padding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dilation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fused activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TF-Lite Micro plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no step of its own (fused or dropped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1, %2 live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this op</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept alive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 @ %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes [%1, %2) of the arena, %3 B, alive steps %4–%5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::widgets::LayerTableModel</name>
    <message>
        <source>fused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✓</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This op has no step of its own in the plan (fused into a neighbour or dropped).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not supported by our engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes of the op&apos;s activation inputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes of the op&apos;s activation outputs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes alive in the arena while this op runs (selected plan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiply-accumulate operations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Op</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In act.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out act.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Support</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::widgets::MemoryChart</name>
    <message>
        <source>Step (one executed operator each)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live activation memory (kB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a model to see its memory over time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>arena %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 SRAM %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 SRAM %2 (above this chart)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Step %1&lt;/b&gt;: op #%2 %3&lt;br&gt;Live: %4 in %5 buffers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;br&gt;&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 at offset %3&lt;br&gt;alive steps %4–%5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::widgets::NetworkEditor</name>
    <message>
        <source>Resolution:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input height = width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width ×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale every layer&apos;s channels (rounded to multiples of 8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the width multiplier to the current network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as MCUNet JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 blocks&lt;/b&gt; · first conv %2 channels · classifier %3 → %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mcunet::widgets::SummaryStrip</name>
    <message>
        <source>MACs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multiply-accumulates per inference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights and biases (elements; bytes below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak SRAM · our engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arena our engine&apos;s code uses: activations + kernel scratch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak SRAM · TF-Lite Micro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smallest tensor arena TF-Lite Micro accepts: planned activations (head), persistent structures (tail) and AllocateTensors&apos; temporaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash · our engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weights, bias/requantization parameters and code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 B arena</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our engine: weights, bias, requantization tables, kernel code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>engine cannot run this model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>head %1 + tail %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TF-Lite Micro: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SRAM %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flash %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ Fits %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ Doesn&apos;t fit %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Our engine: %1
TF-Lite Micro: %2 — %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>doesn&apos;t fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TF-Lite Micro: %1
(our engine cannot run this model)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
