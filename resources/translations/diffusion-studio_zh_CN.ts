<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QObject</name>
    <message>
        <location filename="../../ui/lessons/images/imagescontrols.cpp" line="+19"/>
        <source>T-shirt/top</source>
        <translation>T恤/上衣</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Trouser</source>
        <translation>裤子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pullover</source>
        <translation>套头衫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dress</source>
        <translation>连衣裙</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coat</source>
        <translation>外套</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sandal</source>
        <translation>凉鞋</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shirt</source>
        <translation>衬衫</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sneaker</source>
        <translation>运动鞋</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bag</source>
        <translation>包</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ankle boot</source>
        <translation>短靴</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>any class</source>
        <translation>任意类别</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>T-shirt</source>
        <translation>T恤</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Boot</source>
        <translation>靴子</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/mixture1d/mixture1ddocument.cpp" line="+38"/>
        <source>Edit mixture component</source>
        <translation>编辑混合分量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add or remove mixture component</source>
        <translation>添加或删除混合分量</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/mixture2d/mixture2ddocument.cpp" line="+19"/>
        <source>Change mixture</source>
        <translation>更改混合分布</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/lessons/train/traindrawing.cpp" line="+14"/>
        <location line="+10"/>
        <source>Spray %n point(s)</source>
        <translation>
            <numerusform>喷涂 %n 个点</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/widgets/denoiserbox.cpp" line="+27"/>
        <source>No learned model yet.</source>
        <translation>还没有学习到的模型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The learned model is %1-D; this lesson is %2-D.</source>
        <translation>学习到的模型是 %1 维的；本课是 %2 维的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The learned model was trained on normalised points, not on a Gaussian mixture.</source>
        <translation>学习到的模型是在归一化的点上训练的，而不是在高斯混合上。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The learned model was trained on “%1”, which has no exact denoiser to compare with. Train on the %2-D mixture in the Train lesson.</source>
        <translation>学习到的模型是在“%1”上训练的，它没有可供比较的精确去噪器。请在“训练”课中用 %2 维混合分布训练。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The learned model&apos;s mixture is %1-D.</source>
        <translation>学习到的模型的混合分布是 %1 维的。</translation>
    </message>
</context>
<context>
    <name>ds::ui::ActionLog</name>
    <message>
        <location filename="../../ui/actionlog.cpp" line="+96"/>
        <source>%1 (on)</source>
        <translation>%1（开）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 (off)</source>
        <translation>%1（关）</translation>
    </message>
</context>
<context>
    <name>ds::ui::Autosave</name>
    <message>
        <location filename="../../ui/autosave.cpp" line="+208"/>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>cannot lock the folder %1</source>
        <translation>无法锁定文件夹 %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Autosaving</source>
        <translation>自动保存</translation>
    </message>
</context>
<context>
    <name>ds::ui::BpdStripPlot</name>
    <message>
        <location filename="../../ui/lessons/likelihood/imagebpdviews.cpp" line="+54"/>
        <source>One dot per test image: its bits/dim by the variational bound (VLB) and by the probability-flow ODE.
The bar is the mean ± its standard error over the images. Lower is better.</source>
        <translation>每个测试图像一个点：它按变分下界（VLB）和按概率流常微分方程（ODE）算出的比特/维。
横条是各图像的均值 ± 标准误差。越低越好。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+78"/>
        <source>Bits/dim of each test image</source>
        <translation>每个测试图像的比特/维</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>bits/dim</source>
        <translation>比特/维</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>ODE</source>
        <translation>ODE</translation>
    </message>
    <message>
        <location line="-14"/>
        <location line="+13"/>
        <source>VLB</source>
        <translation>VLB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mean ± s.e.</source>
        <translation>均值 ± 标准误差</translation>
    </message>
    <message numerus="yes">
        <location line="+58"/>
        <source>Bits/dim of each test image (%n image(s))</source>
        <translation>
            <numerusform>每个测试图像的比特/维（%n 个图像）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::BpdTermsPlot</name>
    <message>
        <location line="+26"/>
        <source>The VLB&apos;s mean split into its terms (Ho et al. 2020, eq. 5): L₀ = −log p(x₀|x₁), the decoder of 8-bit pixels;
Σ Lₜ₋₁, the denoising steps t = 2…T; L_T, the prior term (≈ 0). Beside it the ODE&apos;s mean. All in bits/dim.</source>
        <translation>VLB 的均值按各项拆开（Ho 等，2020，式 5）：L₀ = −log p(x₀|x₁)，8 位像素的解码器；
Σ Lₜ₋₁，去噪步 t = 2…T；L_T，先验项（≈ 0）。旁边是 ODE 的均值。单位都是比特/维。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where the bits go</source>
        <translation>比特花在哪里</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bits/dim</source>
        <translation>比特/维</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VLB</source>
        <translation>VLB</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+14"/>
        <source>ODE</source>
        <translation>ODE</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>L₀ (decoder)</source>
        <translation>L₀（解码器）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Σ Lₜ₋₁, t ≥ 2</source>
        <translation>Σ Lₜ₋₁，t ≥ 2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>prior term (L at T)</source>
        <translation>先验项（t = T 处的 L）</translation>
    </message>
</context>
<context>
    <name>ds::ui::ComputeContext</name>
    <message>
        <location filename="../../ui/computecontext.cpp" line="+45"/>
        <source>Unknown device “%1”: choose auto, cpu, cuda or cuda:N.</source>
        <translation>未知设备“%1”：请选择 auto、cpu、cuda 或 cuda:N。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1; using the CPU instead.</source>
        <translation>%1；改用 CPU。</translation>
    </message>
</context>
<context>
    <name>ds::ui::ConditionalPanel</name>
    <message>
        <location filename="../../ui/lessons/inpaint2d/conditionalpanel.cpp" line="+37"/>
        <source>Kolmogorov–Smirnov distance: the largest gap between the samples&apos; empirical CDF and the exact conditional CDF. A correct sampler exceeds the 1 % critical value 1.63/√n only once in a hundred runs.</source>
        <translation>Kolmogorov–Smirnov 距离：样本经验 CDF 与精确条件 CDF 之间的最大差距。正确的采样器每一百次运行中只有一次会超过 1% 临界值 1.63/√n。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 — within sampling error (1 % critical %2)</source>
        <translation>%1 — 在采样误差范围内（1% 临界值 %2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — a little off (1 % critical %2)</source>
        <translation>%1 — 略有偏差（1% 临界值 %2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — far from exact</source>
        <translation>%1 — 与精确值相差甚远</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <location line="-1"/>
        <location line="+1"/>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>samples</source>
        <translation>样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Histogram of the %1 samples of %2 from %3, over the exact conditional density.</source>
        <translation>由“%3”得到的 %2 的 %1 个样本的直方图，叠加在精确条件密度之上。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>exact q(%1|%2=%3)</source>
        <translation>精确 q(%1|%2=%3)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>computing…</source>
        <translation>计算中…</translation>
    </message>
</context>
<context>
    <name>ds::ui::CoreMessages</name>
    <message>
        <location filename="../../ui/coremessages.cpp" line="+28"/>
        <source>%1 (%2)</source>
        <extracomment>A translated sentence (%1) followed by the program&apos;s English detail (%2).</extracomment>
        <translation>%1（详情：%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model not found.</source>
        <translation>找不到模型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The checkpoint was refused: it is damaged, from a newer version, or of another kind.</source>
        <translation>检查点被拒绝：文件已损坏、来自更新的版本，或是另一种模型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The Fashion-MNIST data set is not installed: install Debian&apos;s dataset-fashion-mnist package.</source>
        <translation>未安装 Fashion-MNIST 数据集：请安装 Debian 软件包 dataset-fashion-mnist。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data set could not be read.</source>
        <translation>无法读取数据集。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The picture could not be read or written.</source>
        <translation>无法读取或写入图片。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file could not be read.</source>
        <translation>无法读取文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file could not be written.</source>
        <translation>无法写入文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The mixture presets could not be read.</source>
        <translation>无法读取混合分布预设。</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>CPU (%n thread(s))</source>
        <translation>
            <numerusform>CPU（%n 个线程）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The mixture was not understood: write each component as weight:mean:std and separate them with “;”.</source>
        <translation>无法理解该混合分布：每个分量写成 权重:均值:标准差，分量之间用“;”分隔。</translation>
    </message>
</context>
<context>
    <name>ds::ui::DenoiserBox</name>
    <message>
        <location filename="../../ui/widgets/denoiserbox.cpp" line="+7"/>
        <source>Denoiser ε̂(xₜ, t)</source>
        <translation>去噪器 ε̂(xₜ, t)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What predicts the noise in the reverse chain p(xₜ₋₁ | xₜ): the exact E[ε | xₜ] of the mixture (a perfectly trained model), or a network ε_θ trained in the Train lesson, drawn next to the exact one.</source>
        <translation>在逆向链 p(xₜ₋₁ | xₜ) 中预测噪声的是什么：混合分布的精确 E[ε | xₜ]（即训练完美的模型），或在“训练”课中训练的网络 ε_θ（与精确值并排绘制）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Exact E[ε | xₜ]</source>
        <translation>精确 E[ε | xₜ]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Learned ε_θ vs exact</source>
        <translation>学习的 ε_θ 与精确值对比</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No learned model yet: train one on the %1-D mixture in the Train lesson, or load a checkpoint there.</source>
        <translation>还没有学习到的模型：请在“训练”课中用 %1 维混合分布训练一个，或在那里加载检查点。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source> · sliced W₂ %1</source>
        <translation> · 切片 W₂ %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;br&gt;Data and schedule are the model&apos;s (T = %1): locked while it is in use.</source>
        <translation>&lt;br&gt;数据和调度来自模型（T = %1）：使用期间已锁定。</translation>
    </message>
</context>
<context>
    <name>ds::ui::DensityView</name>
    <message>
        <location filename="../../ui/lessons/mixture1d/densityview.cpp" line="+21"/>
        <source>The exact marginal q(xₜ) at every t (colour), and recorded particle paths. Forward: data x₀ diffuses into N(0, 1). Reverse: N(0, 1) is denoised back into data.</source>
        <translation>每个 t 的精确边缘分布 q(xₜ)（颜色）以及记录的粒子路径。前向：数据 x₀ 扩散为 N(0, 1)。逆向：N(0, 1) 被去噪还原为数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Density over time: exact q(xₜ) with particle trajectories</source>
        <translation>密度随时间变化：精确 q(xₜ) 与粒子轨迹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>q(xₜ)</source>
        <translation>q(xₜ)</translation>
    </message>
</context>
<context>
    <name>ds::ui::DisplayNames</name>
    <message>
        <location filename="../../ui/displaynames.cpp" line="+16"/>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cosine</source>
        <translation>余弦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quadratic</source>
        <translation>二次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sigmoid</source>
        <translation>S 型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Two moons</source>
        <translation>双月牙</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>two interleaved half circles</source>
        <translation>两个交错的半圆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Swiss roll</source>
        <translation>瑞士卷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a 2-D spiral strip</source>
        <translation>一条二维螺旋带</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>8 Gaussians</source>
        <translation>8 个高斯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>eight small clusters on a circle</source>
        <translation>圆上的八个小簇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checkerboard</source>
        <translation>棋盘</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>eight uniform squares of a 4x4 board</source>
        <translation>4×4 棋盘上八个均匀分布的方格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two spirals</source>
        <translation>双螺旋</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>two interleaved spiral arms</source>
        <translation>两条交错的螺旋臂</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concentric rings</source>
        <translation>同心圆环</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>three noisy circles of radius 1, 2, 3</source>
        <translation>半径为 1、2、3 的三个带噪声的圆</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2-D mixture</source>
        <translation>二维混合分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>three unequal Gaussian clusters (exact model available)</source>
        <translation>三个大小不等的高斯簇（有精确模型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1-D mixture</source>
        <translation>一维混合分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the lecture&apos;s two-mode 1-D mixture (exact model available)</source>
        <translation>讲座中的双峰一维混合分布（有精确模型）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ring of 8</source>
        <translation>8 点圆环</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eight equal Gaussians (std 0.2) on a circle of radius 2. Click the centre at a large t and raise the jump k: the reverse posterior becomes a ring of eight blobs.</source>
        <translation>半径为 2 的圆上有八个相同的高斯（标准差 0.2）。在较大的 t 处点击圆心并增大跳跃 k：逆向后验分布变成由八个团块组成的圆环。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two unequal blobs</source>
        <translation>两个不等的团块</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A small tight cluster (weight 0.3) and a wide one (weight 0.7): the reverse particles split in that ratio.</source>
        <translation>一个小而紧的簇（权重 0.3）和一个宽的簇（权重 0.7）：逆向过程的粒子按这个比例分开。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Three clusters</source>
        <translation>三个簇</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Three nearly equal clusters on a triangle: the field at low t points to the nearest one.</source>
        <translation>三角形上三个几乎相同的簇：t 较小时，场指向最近的那个簇。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>3×3 grid</source>
        <translation>3×3 网格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nine equal narrow Gaussians on a grid with spacing 2: many modes close together merge early in the forward process.</source>
        <translation>间距为 2 的网格上有九个相同的窄高斯：许多相距很近的峰在前向过程中很早就合并了。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Standard normal</source>
        <translation>标准正态</translation>
    </message>
</context>
<context>
    <name>ds::ui::ExportGifDialog</name>
    <message>
        <location filename="../../ui/exportgifdialog.cpp" line="+31"/>
        <location line="+96"/>
        <source>Export Play as GIF</source>
        <translation>将播放导出为 GIF</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>The t of the first frame (0 … %1)</source>
        <translation>第一帧的 t（0 … %1）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The t of the last frame (0 … %1); smaller than “from” plays the reverse chain</source>
        <translation>最后一帧的 t（0 … %1）；小于“从”时播放逆向链</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>t &amp;from</source>
        <translation>t 从(&amp;F)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every k-th t becomes a frame (the last t of the range always does)</source>
        <translation>每隔 k 个 t 取一帧（范围内的最后一个 t 总会成为一帧）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Step k</source>
        <translation>步长 k(&amp;S)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frames per second (%1 … %2)</source>
        <translation>每秒帧数（%1 … %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Frame rate</source>
        <translation>帧率(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width of the animation (%1 … %2 pixels); the height keeps the plots&apos; aspect ratio</source>
        <translation>动画宽度（%1 … %2 像素）；高度保持图表的纵横比</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Width</source>
        <translation>宽度(&amp;W)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The GIF file to write</source>
        <translation>要写入的 GIF 文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>F&amp;ile</source>
        <translation>文件(&amp;I)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>GIF animations (*.gif)</source>
        <translation>GIF 动画 (*.gif)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 frames of %2 × %3 pixels, %4 s; t %5 → %6 (%7 chain). The plots only, without the controls.</source>
        <translation>%1 帧，每帧 %2 × %3 像素，%4 秒；t %5 → %6（%7链）。仅包含图表，不含控件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>forward</source>
        <translation>前向</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>reverse</source>
        <translation>逆向</translation>
    </message>
</context>
<context>
    <name>ds::ui::GifWriter</name>
    <message>
        <location filename="../../ui/gifwriter.cpp" line="+121"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>the size %1 × %2 pixels is not possible in a GIF</source>
        <translation>GIF 不支持 %1 × %2 像素的尺寸</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+71"/>
        <source>Cannot write %1: the file is not open</source>
        <translation>无法写入 %1：文件未打开</translation>
    </message>
    <message>
        <location line="-68"/>
        <source>frame %1 is empty</source>
        <translation>第 %1 帧为空</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>frame %1 could not be reduced to 256 colours</source>
        <translation>第 %1 帧无法缩减到 256 色</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>there are no frames to write</source>
        <translation>没有可写入的帧</translation>
    </message>
    <message>
        <location line="-209"/>
        <source>giflib error %1</source>
        <translation>giflib 错误 %1</translation>
    </message>
</context>
<context>
    <name>ds::ui::HistogramView</name>
    <message>
        <location filename="../../ui/lessons/mixture1d/histogramview.cpp" line="+19"/>
        <source>Histogram of the particles at the current t against the exact marginal q(xₜ). Drag to move the observed xₜ of the posterior panel.</source>
        <translation>当前 t 的粒子直方图与精确边缘分布 q(xₜ) 的对比。拖动可移动后验面板中观测到的 xₜ。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At t = 0</source>
        <translation>在 t = 0 时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>xₜ</source>
        <translation>xₜ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>particles (histogram)</source>
        <translation>粒子（直方图）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>exact q(xₜ)</source>
        <translation>精确 q(xₜ)</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Particles at t = %1 vs q(xₜ)</source>
        <translation>t = %1 时的粒子与 q(xₜ)</translation>
    </message>
</context>
<context>
    <name>ds::ui::ImageBpdPage</name>
    <message numerus="yes">
        <location filename="../../ui/lessons/likelihood/imagebpdpage.cpp" line="+68"/>
        <source>Cancelled: the %n finished image(s) are shown.</source>
        <translation>
            <numerusform>已取消：显示已完成的 %n 个图像。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled before the first batch of images finished.</source>
        <translation>第一批图像完成之前已取消。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the test images and the method(s), then press Compute. The VLB costs K + 1 network calls per image; the ODE costs 1 + 2K calls per solver stage with K probes (central differences), far more.</source>
        <translation>选择测试图像和方法，然后按“计算”。VLB 每个图像需要 K + 1 次网络调用；ODE 在使用 K 个探针（中心差分）时，每个求解器阶段需要 1 + 2K 次调用，代价高得多。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many Fashion-MNIST test images to evaluate: the first N of the chosen class.</source>
        <translation>要评估多少个 Fashion-MNIST 测试图像：所选类别的前 N 个。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seeds the VLB&apos;s noise draws and timesteps and the ODE&apos;s probes and dequantization noise.</source>
        <translation>VLB 的噪声和时间步抽样，以及 ODE 的探针和去量化噪声的随机种子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/lessons/likelihood/imagebpdpage.h" line="+45"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Variational bound (VLB)</source>
        <translation>变分下界（VLB）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>L_T + L₀ + (T−1)·mean of Lₜ₋₁ over K timesteps drawn uniformly from 2…T: an unbiased estimate of the bound,
with the discretized Gaussian decoder over 256 pixel values (Ho et al. 2020, eq. 13).</source>
        <translation>L_T + L₀ + (T−1)·（从 2…T 均匀抽取的 K 个时间步上 Lₜ₋₁ 的均值）：下界的无偏估计，
使用 256 个像素值上的离散化高斯解码器（Ho 等，2020，式 13）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>K: timesteps per image. More is a tighter estimate of each image&apos;s bound, and slower.</source>
        <translation>K：每个图像抽取的时间步数。越多，每个图像下界的估计越精确，也越慢。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampled t (K)</source>
        <translation>抽取的 t（K）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Probability-flow ODE</source>
        <translation>概率流常微分方程</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>−log p(x₀) by integrating the probability-flow ODE from x₀ to x_T with the change of variables (Song et al. 2021);
the pixels are dequantized with uniform noise, the divergence estimated with Rademacher probes (Hutchinson).</source>
        <translation>通过从 x₀ 到 x_T 积分概率流常微分方程并做变量替换得到 −log p(x₀)（Song 等，2021）；
像素用均匀噪声去量化，散度用 Rademacher 探针估计（Hutchinson）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Adaptive (Dormand–Prince)</source>
        <translation>自适应（Dormand–Prince）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heun, fixed steps</source>
        <translation>Heun，固定步数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The adaptive solver&apos;s relative and absolute tolerance.</source>
        <translation>自适应求解器的相对和绝对容差。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rademacher probes per image for the divergence: more lowers the estimate&apos;s noise.</source>
        <translation>每个图像用于估计散度的 Rademacher 探针数：越多，估计的噪声越小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solver</source>
        <translation>求解器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heun steps</source>
        <translation>Heun 步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probes</source>
        <translation>探针</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bits/dim = −log₂ p(x₀) / 784: the bits per pixel a code built from the model would need. Lower is better; 8 would be no model at all.</source>
        <translation>比特/维 = −log₂ p(x₀) / 784：用该模型构造的编码每个像素需要的比特数。越低越好；8 相当于没有模型。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+121"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Evaluate the chosen test images under the bundled model.</source>
        <translation>用内置模型评估所选的测试图像。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The images the model codes in the fewest bits: plain shapes, much uniform background.</source>
        <translation>模型编码所需比特最少的图像：形状简单，大片均匀背景。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The images that cost the most bits: texture, prints, fine detail the model cannot predict.</source>
        <translation>花费比特最多的图像：纹理、印花和模型无法预测的细节。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Restart</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location line="+20"/>
        <location filename="../../ui/lessons/likelihood/imagebpdpage.h" line="-1"/>
        <source>Image bits/dim</source>
        <translation>图像比特/维</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Done: %n image(s) on %1.</source>
        <translation>
            <numerusform>完成：在 %1 上计算了 %n 个图像。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading the model and the test images…</source>
        <translation>正在加载模型和测试图像…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Computing on %1: %2 of %3 images done (%4 %).</source>
        <translation>正在 %1 上计算：已完成 %3 个图像中的 %2 个（%4 %）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;Could not compute bits/dim: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;无法计算比特/维：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Could not compute bits/dim: %1</source>
        <translation>无法计算比特/维：%1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;No results yet.&lt;/b&gt;</source>
        <translation>&lt;b&gt;还没有结果。&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Model %1, %n test image(s) (%2), unconditional.</source>
        <translation>
            <numerusform>模型 %1，%n 个测试图像（%2），无条件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;VLB: %1 ± %2 bits/dim&lt;/b&gt; (%3 images, K = %4 sampled t; L₀ %5, Σ Lₜ₋₁ %6, L_T %7; %8 s)</source>
        <translation>&lt;b&gt;VLB：%1 ± %2 比特/维&lt;/b&gt;（%3 个图像，K = %4 个抽取的 t；L₀ %5，Σ Lₜ₋₁ %6，L_T %7；%8 秒）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;VLB&lt;/b&gt;: waiting for the first batch…</source>
        <translation>&lt;b&gt;VLB&lt;/b&gt;：等待第一批结果…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Heun, %1 steps</source>
        <translation>Heun，%1 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>adaptive, tolerance %1</source>
        <translation>自适应，容差 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;ODE: %1 ± %2 bits/dim&lt;/b&gt; (%3 images, %4, %5 probe(s), %6 network calls; %7 s)</source>
        <translation>&lt;b&gt;ODE：%1 ± %2 比特/维&lt;/b&gt;（%3 个图像，%4，%5 个探针，%6 次网络调用；%7 秒）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;ODE&lt;/b&gt;: waiting for the first batch…</source>
        <translation>&lt;b&gt;ODE&lt;/b&gt;：等待第一批结果…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;Negative bits/dim cannot be right for 8-bit pixels: the ODE was solved too coarsely. Use more Heun steps or the adaptive solver.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;对 8 位像素来说，负的比特/维不可能正确：常微分方程求解得太粗糙。请使用更多 Heun 步数或自适应求解器。&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Lowest bits/dim</source>
        <translation>比特/维最低</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest bits/dim</source>
        <translation>比特/维最高</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>ODE</source>
        <translation>ODE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>VLB</source>
        <translation>VLB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lowest bits/dim (%1)</source>
        <translation>比特/维最低（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest bits/dim (%1)</source>
        <translation>比特/维最高（%1）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No bits/dim yet: press Compute on the Image bits/dim page first.</source>
        <translation>还没有比特/维：请先在“图像比特/维”页面按“计算”。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>“%1” must be one of 0.01, 0.001, 0.0001 or 1e-05.</source>
        <translation>“%1”必须是 0.01、0.001、0.0001 或 1e-05 之一。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” and “%2” are both false: choose at least one method.</source>
        <translation>“%1”和“%2”都为 false：请至少选择一种方法。</translation>
    </message>
</context>
<context>
    <name>ds::ui::ImagesControls</name>
    <message>
        <location filename="../../ui/lessons/images/imagescontrols.cpp" line="+135"/>
        <source>Forward: real images x₀</source>
        <translation>前向：真实图像 x₀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Noise pictures of this Fashion-MNIST class (test set), or of any class.</source>
        <translation>对这个 Fashion-MNIST 类别（测试集）或任意类别的图片加噪。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many images the forward chain noises</source>
        <translation>前向链加噪的图像数量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Chooses the images and the noise of the forward chain</source>
        <translation>选择前向链的图像和噪声</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other images</source>
        <translation>换一批图像</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick other pictures (the next seed).</source>
        <translation>挑选其他图片（下一个种子）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+27"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Reverse: sampling</source>
        <translation>逆向：采样</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The class y the samples are conditioned on.</source>
        <translation>样本所依据的条件类别 y。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples per setting</source>
        <translation>每种设置的样本数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The starting noise x_T and every draw of the sampler; both settings share it.</source>
        <translation>初始噪声 x_T 以及采样器的每次抽样；两种设置共用它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting A</source>
        <translation>设置 A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare with setting B</source>
        <translation>与设置 B 对比</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run a second setting from the same x_T and seed and show it beside A.</source>
        <translation>从相同的 x_T 和种子运行第二种设置，并显示在 A 旁边。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Setting B (same seed and x_T)</source>
        <translation>设置 B（相同的种子和 x_T）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample</source>
        <translation>采样</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the reverse chain again with these settings (also runs on every change).</source>
        <translation>用这些设置再次运行逆向链（每次更改时也会运行）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Samples</source>
        <translation>样本</translation>
    </message>
</context>
<context>
    <name>ds::ui::Inpaint2DControls</name>
    <message>
        <location filename="../../ui/lessons/inpaint2d/inpaint2dcontrols.cpp" line="+56"/>
        <source>Data and observation</source>
        <translation>数据与观测</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ready-made set-ups: a 2-D mixture and the observation that makes its point.</source>
        <translation>现成的设置：一个二维混合分布，以及能说明问题的观测。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data mixture: components separated by &apos;;&apos;, each weight:mx,my:std, e.g. 0.9:-2,-2:0.4;0.1:2,2:0.4. Press Enter to apply.</source>
        <translation>数据混合分布：各分量用“;”分隔，每个分量写作 权重:mx,my:标准差，例如 0.9:-2,-2:0.4;0.1:2,2:0.4。按 Enter 应用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>x₁ (fill in x₂)</source>
        <translation>x₁（填补 x₂）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₂ (fill in x₁)</source>
        <translation>x₂（填补 x₁）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Which coordinate is known; the other one is inpainted.</source>
        <translation>哪个坐标是已知的；另一个坐标将被修复。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The observed value c (also: drag the dashed line on the plane).</source>
        <translation>观测值 c（也可以在平面上拖动虚线）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Observed</source>
        <translation>观测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value c</source>
        <translation>值 c</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>RePaint j: the length of a block, in sampler steps.</source>
        <translation>RePaint j：一个块的长度，以采样器步数计。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RePaint r: each block is run r times in all (r = 1 is plain replacement).</source>
        <translation>RePaint r：每个块总共运行 r 次（r = 1 即普通替换）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>j</source>
        <translation>j</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Process and sampler</source>
        <translation>过程与采样器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>T: the number of forward noising steps.</source>
        <translation>T：前向加噪的步数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DDPM</source>
        <translation>DDPM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDIM (η = 0)</source>
        <translation>DDIM (η = 0)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The reverse sampler every method uses: DDPM (all T steps) or deterministic DDIM (S steps).</source>
        <translation>所有方法共用的逆向采样器：DDPM（全部 T 步）或确定性的 DDIM（S 步）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S: the number of DDIM steps.</source>
        <translation>S：DDIM 的步数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>n: samples per method. The KS critical value shrinks as 1.63/√n.</source>
        <translation>n：每种方法的样本数。KS 临界值按 1.63/√n 缩小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Random seed: every method starts from the same noise.</source>
        <translation>随机种子：每种方法都从相同的噪声出发。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fresh noise (next seed) for every method.</source>
        <translation>为每种方法使用新的噪声（下一个种子）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps T</source>
        <translation>步数 T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDIM steps S</source>
        <translation>DDIM 步数 S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples n</source>
        <translation>样本数 n</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
</context>
<context>
    <name>ds::ui::Inpaint2DDocument</name>
    <message>
        <location filename="../../ui/lessons/inpaint2d/inpaint2ddocument.cpp" line="+61"/>
        <source>This lesson needs 2-D means written mx,my (got %1-D).</source>
        <translation>本课需要二维均值，写成 mx,my（现在是 %1 维）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change mixture</source>
        <translation>更改混合分布</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preset “%1”</source>
        <translation>预设“%1”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Observe x%1</source>
        <translation>观测 x%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Move the observation to %1</source>
        <translation>将观测移到 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show %1</source>
        <translation>显示 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide %1</source>
        <translation>隐藏 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>RePaint j = %1</source>
        <translation>RePaint j = %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>RePaint r = %1</source>
        <translation>RePaint r = %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change schedule</source>
        <translation>更改调度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>T = %1</source>
        <translation>T = %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sample with DDIM</source>
        <translation>用 DDIM 采样</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sample with DDPM</source>
        <translation>用 DDPM 采样</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>DDIM steps S = %1</source>
        <translation>DDIM 步数 S = %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Seed %1</source>
        <translation>种子 %1</translation>
    </message>
</context>
<context>
    <name>ds::ui::Inpaint2DPlane</name>
    <message>
        <location filename="../../ui/lessons/inpaint2d/inpaint2dplane.cpp" line="+48"/>
        <source>The data density p(x₁, x₂) (bands) and the observation line. Drag the line (or press the arrow keys, Shift for bigger steps) to observe another value; releasing it samples again. Ticks on the line: each method&apos;s samples of the unknown coordinate; lines: particle paths from x_T to xₜ.</source>
        <translation>数据密度 p(x₁, x₂)（色带）与观测线。拖动这条线（或按方向键，按住 Shift 步子更大）来观测另一个值；松开后重新采样。线上的刻度：各方法对未知坐标的样本；折线：从 x_T 到 xₜ 的粒子路径。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Observe one coordinate, fill in the other</source>
        <translation>观测一个坐标，填补另一个</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+93"/>
        <location line="+98"/>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <location line="-190"/>
        <location line="+92"/>
        <location line="+98"/>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>data density</source>
        <translation>数据密度</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Conditioned</source>
        <translation>条件模型</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 = %2 observed: samples at t = 0</source>
        <translation>观测到 %1 = %2：t = 0 时的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 = %2 observed: paths down to t = %3</source>
        <translation>观测到 %1 = %2：直到 t = %3 的路径</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>%1 = %2  (drag)</source>
        <translation>%1 = %2  （拖动）</translation>
    </message>
</context>
<context>
    <name>ds::ui::InpaintControls</name>
    <message>
        <location filename="../../ui/lessons/inpaint/inpaintcontrols.cpp" line="+29"/>
        <source>Inpaint</source>
        <translation>修复</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fill the white part of the mask with every chosen method, from the same seed and the same starting noise (Ctrl+Return).</source>
        <translation>用每种选中的方法填充掩码的白色部分，使用相同的种子和相同的初始噪声（Ctrl+Return）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Test picture</source>
        <translation>测试图片</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No. </source>
        <translation>编号 </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load this picture of the Fashion-MNIST test split (the mask is kept).</source>
        <translation>加载 Fashion-MNIST 测试集中的这张图片（掩码保留）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another</source>
        <translation>换一张</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A random test picture.</source>
        <translation>随机一张测试图片。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The naive way (lecture 13:04): after every reverse step the kept part is overwritten by a noised copy of the picture, q(xₜ | x₀). The model only ever sees a hazy context.</source>
        <translation>朴素的做法（讲座 13:04）：每个逆向步之后，保留部分被图片的加噪副本 q(xₜ | x₀) 覆盖。模型看到的始终是模糊的上下文。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RePaint</source>
        <translation>RePaint</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace, plus resampling (Lugmayr et al. 2022): every block of j steps is redone r times, noised back up in between, so the filled part can agree with the context.</source>
        <translation>替换加重采样（Lugmayr 等，2022）：每 j 步为一块，重做 r 次，中间重新加噪，使填充部分能与上下文一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conditioned model</source>
        <translation>条件模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The better way (lecture 13:30): a U-Net trained to fill in removed regions; it sees the clean kept pixels and the mask beside xₜ.</source>
        <translation>更好的做法（讲座 13:30）：一个经过训练、能填补被移除区域的 U-Net；它在 xₜ 之外还能看到清晰的保留像素和掩码。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>RePaint&apos;s jump length j, in sampler steps.</source>
        <translation>RePaint 的跳跃长度 j，以采样器步数计。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>RePaint&apos;s r: each block is run r times in all (r = 1 is plain replacement).</source>
        <translation>RePaint 的 r：每个块总共运行 r 次（r = 1 即普通替换）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>  jump j</source>
        <translation>  跳跃 j</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  resample r</source>
        <translation>  重采样 r</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+28"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>DDIM</source>
        <translation>DDIM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDPM (all T steps)</source>
        <translation>DDPM（全部 T 步）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DDIM steps S.</source>
        <translation>DDIM 步数 S。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>DDIM&apos;s η: 1 keeps the chain stochastic (as replacement assumes), 0 is deterministic.</source>
        <translation>DDIM 的 η：1 使链保持随机（替换法正是这样假设的），0 为确定性。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fills per method: different noise, the same picture and mask.</source>
        <translation>每种方法的填充次数：噪声不同，图片和掩码相同。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The same seed gives the same starting noise for every method.</source>
        <translation>相同的种子使每种方法得到相同的初始噪声。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>none (unconditional)</source>
        <translation>无（无条件）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the models for a class, or leave the context alone to decide.</source>
        <translation>要求模型生成某个类别，或交由上下文决定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DDIM steps</source>
        <translation>DDIM 步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDIM η</source>
        <translation>DDIM η</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fills</source>
        <translation>填充次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
</context>
<context>
    <name>ds::ui::JobTracker</name>
    <message>
        <location filename="../../ui/jobtracker.cpp" line="+43"/>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <location line="+237"/>
        <source>could not show the result: %1</source>
        <translation>无法显示结果：%1</translation>
    </message>
</context>
<context>
    <name>ds::ui::LanguageMenu</name>
    <message>
        <location filename="../../ui/language.cpp" line="+129"/>
        <source>&amp;System Default</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The desktop&apos;s language: Chinese when it is Chinese, else English (now: %1)</source>
        <translation>桌面的语言：桌面为中文时用中文，否则用英文（当前：%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simplified Chinese</source>
        <translation>简体中文</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A new choice takes effect after a restart</source>
        <translation>新的选择在重新启动后生效</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the system default (%1)</source>
        <translation>跟随系统（%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language: %1</source>
        <translation>语言：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language: %1. It takes effect the next time Diffusion Studio starts.</source>
        <translation>语言：%1。下次启动 Diffusion Studio 时生效。</translation>
    </message>
</context>
<context>
    <name>ds::ui::Lecture</name>
    <message>
        <location filename="../../ui/displaynames.cpp" line="+5"/>
        <source>The forward chain</source>
        <translation>前向链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The forward process q: a Markov chain that adds a little Gaussian noise at every step, xₜ = √(1−βₜ)·xₜ₋₁ + √βₜ·ε. Press Space to play it from the lecture&apos;s two-mode data (t = 0) to t = T: watch the two bumps of q(xₜ) blur into a single N(0, 1).</source>
        <translation>前向过程 q：一条马尔可夫链，每一步加入少量高斯噪声，xₜ = √(1−βₜ)·xₜ₋₁ + √βₜ·ε。按空格键从讲座中的双峰数据（t = 0）播放到 t = T：看 q(xₜ) 的两个峰逐渐模糊成一个 N(0, 1)。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The variance schedule βₜ</source>
        <translation>方差调度 βₜ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The schedule: βₜ is tiny and grows with t, so each step is easy to undo. The timeline shows βₜ, ᾱₜ and the SNR at this t. This is the cosine schedule (Nichol &amp; Dhariwal): compare the particles at t = 250 with the linear schedule of the previous slide — the signal survives longer.</source>
        <translation>噪声调度：βₜ 很小并随 t 增大，所以每一步都容易还原。时间轴显示当前 t 处的 βₜ、ᾱₜ 和信噪比 SNR。这里是余弦调度（Nichol &amp; Dhariwal）：把 t = 250 处的粒子与上一张幻灯片的线性调度比较——信号保留得更久。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>q(xₜ | x₀) in one jump</source>
        <translation>一步到位的 q(xₜ | x₀)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Real pictures dissolving into noise. Each row shows xₜ reached by t single steps beside xₜ drawn in one jump, √ᾱₜ·x₀ + √(1−ᾱₜ)·ε: they look alike because q(xₜ | x₀) is Gaussian in closed form. The histogram reaches N(0, 1) as t grows — scrub t with ← and →.</source>
        <translation>真实图片逐渐溶解为噪声。每一行把逐步走 t 步得到的 xₜ 与一步直接采样的 xₜ = √ᾱₜ·x₀ + √(1−ᾱₜ)·ε 并排显示：两者看起来一样，因为 q(xₜ | x₀) 是有闭式解的高斯分布。随着 t 增大，直方图趋于 N(0, 1)——用 ← 和 → 拖动 t。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A big jump: the posterior has two modes</source>
        <translation>大跳跃：后验分布有两个峰</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where did xₜ come from? The right panel shows the posterior q(xₜ₋ₖ | xₜ) of the marked xₜ = 0 at t = 300. With a big jump (k = 250) it has two modes: the chain could have come from either bump, so no single Gaussian step can describe it. Drag xₜ in the histogram and watch the two modes trade weight.</source>
        <translation>xₜ 从哪里来？右侧面板显示 t = 300 时标记点 xₜ = 0 的后验分布 q(xₜ₋ₖ | xₜ)。跳跃较大（k = 250）时它有两个峰：链可能来自任意一个峰，所以单个高斯步无法描述它。在直方图中拖动 xₜ，看两个峰如何此消彼长。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A small step: the posterior is Gaussian</source>
        <translation>小步：后验分布是高斯的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same xₜ = 0 at t = 300, now one small step back (k = 1): q(xₜ₋₁ | xₜ) is a single narrow bump, almost exactly the Gaussian step the model uses. This is why diffusion takes ~1000 small steps. Drag the jump k slider up and watch the second mode appear.</source>
        <translation>同样是 t = 300 处的 xₜ = 0，现在只往回退一小步（k = 1）：q(xₜ₋₁ | xₜ) 是一个窄的单峰，几乎正好是模型所用的高斯步。这就是扩散模型要走约 1000 个小步的原因。把跳跃 k 滑块往上拖，看第二个峰出现。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Posteriors in 2-D</source>
        <translation>二维中的后验分布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The same idea in the plane: the arrows are the score ∇log q(xₜ), pointing back towards the data. The marked xₜ&apos;s reverse posterior q(xₜ₋₁ | xₜ) (right) is a small Gaussian; click anywhere in the plane to move xₜ, and raise k to see it spread over several clusters.</source>
        <translation>同样的思想放到平面上：箭头是得分 ∇log q(xₜ)，指回数据所在之处。标记点 xₜ 的逆向后验分布 q(xₜ₋₁ | xₜ)（右）是一个小的高斯；在平面上任意位置点击可移动 xₜ，增大 k 可看到它分散到几个簇上。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The reverse process: sampling</source>
        <translation>逆向过程：采样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reverse direction: particles start as pure noise at t = T and are denoised step by step with the exact ε-predictor. Press Space to play the chain down to t = 0 and watch the particles find the clusters along the score field.</source>
        <translation>逆向：粒子在 t = T 时是纯噪声，用精确的 ε 预测器一步步去噪。按空格键把链一直播放到 t = 0，看粒子如何沿着得分场找到各个簇。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training with ε-prediction</source>
        <translation>用 ε 预测训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training: the network ε_θ(xₜ, t) learns to predict the noise ε that made xₜ from x₀ (L_simple, Ho et al. 2020). Press Train: the loss (right) falls, and the model&apos;s samples (orange, left) take the shape of the two moons; the loss per band of t shows which noise levels are hardest.</source>
        <translation>训练：网络 ε_θ(xₜ, t) 学习预测由 x₀ 生成 xₜ 时所加的噪声 ε（L_simple，Ho 等，2020）。按“训练”：损失（右）下降，模型的样本（橙色，左）逐渐呈现双月牙的形状；按 t 分段的损失显示哪些噪声水平最难。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Guidance</source>
        <translation>引导</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandals sampled from the same noise x_T twice: A (top) without guidance, B (below) with classifier-free guidance ε(x, ∅) + w·(ε(x, y) − ε(x, ∅)), w = 3. Guidance trades variety for samples that look more like the class. Scrub t to compare xₜ with the predicted x̂₀, and click a sample to see its whole trajectory.</source>
        <translation>从同一个噪声 x_T 采样两次的凉鞋：A（上）不用引导，B（下）用无分类器引导 ε(x, ∅) + w·(ε(x, y) − ε(x, ∅))，w = 3。引导以多样性换取更像该类别的样本。拖动 t 比较 xₜ 与预测的 x̂₀，点击一个样本可查看它的完整轨迹。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inpainting</source>
        <translation>图像修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inpainting: the masked (orange) part of the picture is filled in, the rest is kept. Replacement overwrites the kept part with a noised copy after every step (seams can show), RePaint resamples each block r times, and the inpainting model sees the clean context. Compare the seam scores on the right; paint your own mask and press Inpaint.</source>
        <translation>图像修复：图片中被掩码遮住（橙色）的部分被填补，其余部分保留。替换法在每一步之后用加噪的副本覆盖保留部分（可能出现接缝），RePaint 对每一块重采样 r 次，而修复模型能看到干净的上下文。比较右侧的接缝分数；画出自己的掩码并按“修复”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inpainting where the truth is known</source>
        <translation>已知真值的修复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inpainting where the truth is known: x₂ = c is observed and x₁ is filled in. Each method&apos;s histogram (right) is drawn over the exact conditional q(x₁ | x₂ = c), with its KS distance. Replacement (red) sees only a noisy copy of the context and lands far from the truth; RePaint&apos;s resampling and the conditioned model follow it. Drag the dashed line and scrub t to see where the paths commit.</source>
        <translation>已知真值的修复：观测到 x₂ = c，填补 x₁。每种方法的直方图（右）都画在精确条件分布 q(x₁ | x₂ = c) 之上，并给出其 KS 距离。替换法（红色）只能看到上下文的加噪副本，结果远离真值；RePaint 的重采样和条件模型则与真值一致。拖动虚线并来回调节 t，看各条路径在何处定型。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The variational bound, term by term</source>
        <translation>变分下界，逐项来看</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The variational lower bound as a sum of KL terms: −log p(x₀) ≤ L₀ + Σ L_{t−1} + L_T, where each L_{t−1} compares the model&apos;s Gaussian step with the true posterior q(xₜ₋₁ | xₜ, x₀) in closed form (bars, log scale). Its total lies above the data&apos;s exact NLL. Below: the weight λₜ the bound puts on ‖ε − ε̂‖² at each t; L_simple drops these weights, which shifts training away from the low-noise steps. Scrub t to read each term.</source>
        <translation>变分下界是 KL 项之和：−log p(x₀) ≤ L₀ + Σ L_{t−1} + L_T，其中每个 L_{t−1} 以闭式比较模型的高斯步与真实后验分布 q(xₜ₋₁ | xₜ, x₀)（柱状图，对数刻度）。其总和位于数据的精确负对数似然之上。下方：下界在每个 t 上给 ‖ε − ε̂‖² 的权重 λₜ；L_simple 去掉了这些权重，使训练偏离低噪声的步。拖动 t 读出每一项。</translation>
    </message>
</context>
<context>
    <name>ds::ui::Lesson</name>
    <message>
        <location filename="../../ui/lesson.cpp" line="+14"/>
        <source>The lesson “%1” cannot be opened from a lesson file yet.</source>
        <translation>课“%1”暂时还不能从课文件中打开。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The lesson “%1” keeps no autosaved work.</source>
        <translation>课“%1”不保留自动保存的内容。</translation>
    </message>
</context>
<context>
    <name>ds::ui::Lesson1D</name>
    <message>
        <location filename="../../ui/lessons/mixture1d/lesson1d.cpp" line="+71"/>
        <source>Resample particles</source>
        <translation>重新采样粒子</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reset to the lecture&apos;s bimodal example</source>
        <translation>重置为讲座中的双峰示例</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>1-D chains</source>
        <translation>一维链</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Running the forward chain and the learned model&apos;s reverse chain…</source>
        <translation>正在运行前向链和学习到的模型的逆向链…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running the forward and reverse chains…</source>
        <translation>正在运行前向链和逆向链…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Posterior at xₜ</source>
        <translation>xₜ 处的后验分布</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Posterior at xₜ, every t</source>
        <translation>xₜ 处的后验分布（所有 t）</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>the learned ε_θ (%1), compared with the exact q(xₜ)</source>
        <translation>学习到的 ε_θ（%1），与精确的 q(xₜ) 对比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the exact denoiser E[ε | xₜ]</source>
        <translation>精确去噪器 E[ε | xₜ]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 particles · T = %2 · %3. Reverse: DDPM with %4.</source>
        <translation>%1 个粒子 · T = %2 · %3。逆向：DDPM，使用%4。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;Could not run the chains: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;无法运行链：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>No particles yet: the chains are still being computed.</source>
        <translation>还没有粒子：链仍在计算中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/mixture1d/lesson1d.h" line="+36"/>
        <source>1-D mixture</source>
        <translation>一维混合分布</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/mixture1d/lesson1dstate.cpp" line="+41"/>
        <source>“state.components” needs at least one component.</source>
        <translation>“state.components”至少需要一个分量。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” must be an object with weight, mean and std.</source>
        <translation>“%1”必须是包含 weight、mean 和 std 的对象。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Switch the Denoiser back to exact before opening a lesson file: a learned model locks the data and schedule.</source>
        <translation>打开课文件之前，请先把去噪器切换回精确模式：学习到的模型会锁定数据和调度。</translation>
    </message>
</context>
<context>
    <name>ds::ui::Lesson2D</name>
    <message>
        <location filename="../../ui/lessons/mixture2d/lesson2d.cpp" line="+65"/>
        <source>Regenerate samples</source>
        <translation>重新生成样本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show vector field</source>
        <translation>显示向量场</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>2-D chains</source>
        <translation>二维链</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Running the forward chain and the %1 sampler with the learned ε_θ…</source>
        <translation>正在运行前向链和使用学习到的 ε_θ 的 %1 采样器…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running the forward chain and the %1 sampler…</source>
        <translation>正在运行前向链和 %1 采样器…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Posterior at xₜ</source>
        <translation>xₜ 处的后验分布</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Posterior at xₜ, every t</source>
        <translation>xₜ 处的后验分布（所有 t）</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>the learned ε_θ (%1); purple arrows: −ε_θ next to the exact field</source>
        <translation>学习到的 ε_θ（%1）；紫色箭头：−ε_θ，绘于精确场旁边</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the exact denoiser E[ε | xₜ]</source>
        <translation>精确去噪器 E[ε | xₜ]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 particles · T = %2 · reverse: %3 with %4, %5 recorded steps.</source>
        <translation>%1 个粒子 · T = %2 · 逆向：%3，使用%4，记录了 %5 步。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;Could not run the sampler: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;无法运行采样器：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>forward chain</source>
        <translation>前向链</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>No particles yet: the chains are still being computed.</source>
        <translation>还没有粒子：链仍在计算中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/mixture2d/lesson2d.h" line="+34"/>
        <source>2-D mixture</source>
        <translation>二维混合分布</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/mixture2d/lesson2dstate.cpp" line="+72"/>
        <source>Switch the Denoiser back to exact before opening a lesson file: a learned model locks the data and schedule.</source>
        <translation>打开课文件之前，请先把去噪器切换回精确模式：学习到的模型会锁定数据和调度。</translation>
    </message>
</context>
<context>
    <name>ds::ui::LessonFile</name>
    <message>
        <location filename="../../ui/lessonfile.cpp" line="+232"/>
        <source>It is not a Diffusion Studio lesson file (no “format” field).</source>
        <translation>这不是 Diffusion Studio 课文件（没有“format”字段）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>It is not a Diffusion Studio lesson file (“format” is “%1”, expected “%2”).</source>
        <translation>这不是 Diffusion Studio 课文件（“format”为“%1”，应为“%2”）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The “version” field is missing.</source>
        <translation>缺少“version”字段。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It was written by a newer version of Diffusion Studio (lesson format version %1; this version reads up to %2). Update Diffusion Studio to open it.</source>
        <translation>它由更新版本的 Diffusion Studio 写入（课文件格式版本 %1；本版本最高只能读取 %2）。请更新 Diffusion Studio 后再打开。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The “lesson” field is missing.</source>
        <translation>缺少“lesson”字段。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is for the lesson “%1”, which this version of Diffusion Studio does not have (it has: %2).</source>
        <translation>它属于课“%1”，而这个版本的 Diffusion Studio 没有这一课（现有：%2）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>“t” = %1 is out of range: this lesson&apos;s T is %2 (allowed: 0 to %2).</source>
        <translation>“t” = %1 超出范围：本课的 T 为 %2（允许 0 到 %2）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>It is too large (%1 bytes; a lesson file has at most %2).</source>
        <translation>文件太大（%1 字节；课文件最多 %2 字节）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It is not valid JSON: %1 at byte %2.</source>
        <translation>不是有效的 JSON：%1，位于第 %2 字节。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It is not a Diffusion Studio lesson file (the JSON is not an object).</source>
        <translation>这不是 Diffusion Studio 课文件（JSON 不是对象）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>It is not a Diffusion Studio lesson link (it must start with “%1”).</source>
        <translation>这不是 Diffusion Studio 课链接（必须以“%1”开头）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>It was made by a newer version of Diffusion Studio (lesson format version %1; this version reads up to %2). Update Diffusion Studio to open it.</source>
        <translation>它由更新版本的 Diffusion Studio 生成（课文件格式版本 %1；本版本最高只能读取 %2）。请更新 Diffusion Studio 后再打开。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The link carries no lesson (its “s=” part is missing or empty).</source>
        <translation>链接中没有课（其“s=”部分缺失或为空）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The link is too long.</source>
        <translation>链接太长。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The link is damaged (its “s=” part is not base64url); was it cut short when copied?</source>
        <translation>链接已损坏（其“s=”部分不是 base64url）；复制时是否被截断了？</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+13"/>
        <source>Cannot open the lesson file %1: %2</source>
        <translation>无法打开课文件 %1：%2</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Cannot open the lesson file %1: it is too large (%2 bytes; a lesson file has at most %3).</source>
        <translation>无法打开课文件 %1：文件太大（%2 字节；课文件最多 %3 字节）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/statefields.h" line="+39"/>
        <source>“%1” must be a %2-D mixture, not %3-D.</source>
        <translation>“%1”必须是 %2 维混合分布，而不是 %3 维。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not a valid mixture: %2</source>
        <translation>“%1”不是有效的混合分布：%2</translation>
    </message>
    <message>
        <location filename="../../ui/lessonfile.cpp" line="-337"/>
        <source>null</source>
        <translation>空值 (null)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>true/false</source>
        <translation>布尔值 (true/false)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>“%1” has %2 points; at most %3 are allowed.</source>
        <translation>“%1”有 %2 个点；最多允许 %3 个。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Point %1 of “%2” must be a list of %3 numbers within ±%4.</source>
        <translation>“%2”的第 %1 个点必须是由 %3 个数组成的列表，且每个数在 ±%4 以内。</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>“%1” must be a whole number, not %2.</source>
        <translation>“%1”必须是整数，而不是%2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+24"/>
        <source>“%1” = %2 is out of range (allowed: %3 to %4).</source>
        <translation>“%1” = %2 超出范围（允许 %3 到 %4）。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>“%1” must be a number, not %2.</source>
        <translation>“%1”必须是数字，而不是%2。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“%1” must be true or false, not %2.</source>
        <translation>“%1”必须是 true 或 false，而不是%2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” must be text, not %2.</source>
        <translation>“%1”必须是文本，而不是%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” is too long (%2 characters; at most %3).</source>
        <translation>“%1”太长（%2 个字符；最多 %3 个）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“%1” = “%2” is not one of: %3.</source>
        <translation>“%1” = “%2”不在以下选项中：%3。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” must be an object, not %2.</source>
        <translation>“%1”必须是对象，而不是%2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” must be a list, not %2.</source>
        <translation>“%1”必须是列表，而不是%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>“%1” has %2 entries; at most %3 are allowed.</source>
        <translation>“%1”有 %2 个条目；最多允许 %3 个。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unknown field “%1”.</source>
        <translation>未知字段“%1”。</translation>
    </message>
</context>
<context>
    <name>ds::ui::LessonImages</name>
    <message>
        <location filename="../../ui/lessons/images/lessonimages.cpp" line="+75"/>
        <source>Model: %1 (loaded with the first sampling run).</source>
        <translation>模型：%1（在第一次采样时加载）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward: real pictures dissolve into noise. Switch the timeline to Reverse to sample.</source>
        <translation>前向：真实图片逐渐溶解为噪声。把时间轴切换到“逆向”即可采样。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>x₀</source>
        <translation>x₀</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>xₜ: t steps</source>
        <translation>xₜ：t 步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>xₜ: one jump</source>
        <translation>xₜ：一步到位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>noise added</source>
        <translation>加入的噪声</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Row 2 noises x₀ step by step: xₜ = √(1−βₜ)·xₜ₋₁ + √βₜ·z.
Row 3 jumps there at once: xₜ = √ᾱₜ·x₀ + √(1−ᾱₜ)·ε, the same distribution q(xₜ | x₀).
Row 4 is what the steps added: xₜ − √ᾱₜ·x₀ ~ N(0, (1−ᾱₜ)·I).</source>
        <translation>第 2 行逐步对 x₀ 加噪：xₜ = √(1−βₜ)·xₜ₋₁ + √βₜ·z。
第 3 行一步跳到那里：xₜ = √ᾱₜ·x₀ + √(1−ᾱₜ)·ε，分布同样是 q(xₜ | x₀)。
第 4 行是各步加入的量：xₜ − √ᾱₜ·x₀ ~ N(0, (1−ᾱₜ)·I)。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The samples xₜ at the current t. Click one to follow its whole trajectory below.</source>
        <translation>当前 t 的样本 xₜ。点击其中一个，可在下方查看它的完整轨迹。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The model&apos;s prediction x̂₀ = (xₜ − √(1−ᾱₜ)·ε̂)/√ᾱₜ at the current t.</source>
        <translation>模型在当前 t 的预测 x̂₀ = (xₜ − √(1−ᾱₜ)·ε̂)/√ᾱₜ。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>One sample&apos;s way from noise to picture: xₜ and x̂₀ at evenly spaced recorded steps.</source>
        <translation>一个样本从噪声到图片的历程：在均匀间隔的记录步上的 xₜ 和 x̂₀。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sample again</source>
        <translation>再次采样</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other pictures</source>
        <translation>换一批图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save images as PNG grid…</source>
        <translation>将图像保存为 PNG 网格…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save images</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Forward chain on images</source>
        <translation>图像上的前向链</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Could not load the Fashion-MNIST test images</source>
        <translation>无法加载 Fashion-MNIST 测试图像</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sampling images</source>
        <translation>图像采样</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not sample</source>
        <translation>无法采样</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sampling %1 × %2 of class %3 (%4)…</source>
        <translation>正在采样 %1 × %2 张图像，类别：%3（%4）…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 and %2</source>
        <translation>%1 和 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 test pictures (%2). Scrub t: the steps and the one jump reach the same distribution; at t = T only noise is left.</source>
        <translation>%1 张测试图片（%2）。拖动 t：逐步加噪与一步到位得到相同的分布；到 t = T 时只剩下噪声。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2: %3 s</source>
        <translation>%1 %2：%3 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+69"/>
        <location line="+51"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="-120"/>
        <location line="+69"/>
        <location line="+51"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>%1 samples of %2 on %3, seed %4.&lt;br&gt;%5</source>
        <translation>在 %3 上生成了 %1 个样本（类别：%2），种子 %4。&lt;br&gt;%5</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;Model&lt;/b&gt; %1: U-Net, %2 channels, trained %3 steps (loss %4).</source>
        <translation>&lt;b&gt;模型&lt;/b&gt; %1：U-Net，%2 个通道，训练了 %3 步（损失 %4）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;Classifier&lt;/b&gt; %1.</source>
        <translation>&lt;b&gt;分类器&lt;/b&gt; %1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;No noisy classifier&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;没有噪声分类器&lt;/b&gt;：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;%1: %2&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;%1：%2&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Forward chain at t = %1: √ᾱₜ = %2, √(1−ᾱₜ) = %3</source>
        <translation>t = %1 时的前向链：√ᾱₜ = %2，√(1−ᾱₜ) = %3</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1
xₜ at t = %2</source>
        <translation>%1
t = %2 时的 xₜ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>x̂₀ predicted from xₜ
at t = %1</source>
        <translation>由 xₜ 预测的 x̂₀
t = %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>x̂₀: no prediction yet
at t = %1 (pure noise)</source>
        <translation>x̂₀：尚无预测
t = %1（纯噪声）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>xₜ</source>
        <translation>xₜ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>x̂₀</source>
        <translation>x̂₀</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trajectory of sample %1 of %2 over t (click a sample above to choose)</source>
        <translation>第 %1 个样本（共 %2 个）随 t 的轨迹（点击上方的样本来选择）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trajectory of sample %1 over t (click a sample above to choose)</source>
        <translation>第 %1 个样本随 t 的轨迹（点击上方的样本来选择）</translation>
    </message>
    <message>
        <location line="+61"/>
        <location line="+33"/>
        <source>No images yet: they are still being computed.</source>
        <translation>还没有图像：仍在计算中。</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+22"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/images/lessonimages.h" line="+41"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
</context>
<context>
    <name>ds::ui::LessonInpaint</name>
    <message>
        <location filename="../../ui/lessons/inpaint/inpaintautosave.cpp" line="+61"/>
        <source>a picture loaded from a file</source>
        <translation>从文件加载的图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test picture %1</source>
        <translation>测试图片 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the picture</source>
        <translation>该图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a mask over %1 % of %2</source>
        <translation>覆盖%2 %1% 区域的掩码</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>the autosaved picture %1 cannot be read</source>
        <translation>无法读取自动保存的图片 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the autosaved picture %1 cannot be read (%2)</source>
        <translation>无法读取自动保存的图片 %1（%2）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the autosaved mask %1 does not fit the picture</source>
        <translation>自动保存的掩码 %1 与图片不匹配</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The autosaved picture</source>
        <translation>自动保存的图片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The autosaved picture and mask are back. Press Inpaint to fill the mask.</source>
        <translation>自动保存的图片和掩码已恢复。按“修复”来填充掩码。</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/inpaint/lessoninpaint.cpp" line="+60"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RePaint</source>
        <translation>RePaint</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conditioned model</source>
        <translation>条件模型</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Central box</source>
        <translation>中央方框</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+131"/>
        <source>&lt;br&gt;Press Inpaint to fill the mask.</source>
        <translation>&lt;br&gt;按“修复”来填充掩码。</translation>
    </message>
    <message>
        <location line="-127"/>
        <source>The mask changed: press Inpaint (Ctrl+Return) to fill it again.</source>
        <translation>掩码已更改：按“修复”（Ctrl+Return）重新填充。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Models: %1 and %2 (loaded with the next run).</source>
        <translation>模型：%1 和 %2（在下次运行时加载）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Models: %1 and %2 (loaded with the first run).</source>
        <translation>模型：%1 和 %2（在第一次运行时加载）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paint the part to fill in white (the brush), or keep the central box. Then Inpaint.</source>
        <translation>用白色（画笔）涂出要填充的部分，或保留中央方框。然后点“修复”。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>xₜ</source>
        <translation>xₜ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>x̂₀</source>
        <translation>x̂₀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every fill of this method at the current t: xₜ (top) and the model&apos;s prediction x̂₀ (bottom). The orange line outlines the part that was filled; the seam says how sharply the fill meets the kept pixels (the picture&apos;s own value in brackets).</source>
        <translation>此方法在当前 t 的每次填充：xₜ（上）和模型的预测 x̂₀（下）。橙色线勾勒出被填充的部分；接缝值表示填充部分与保留像素衔接的锐利程度（括号中为图片本身的值）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../../ui/lessons/inpaint/lessoninpaint.h" line="+41"/>
        <source>Inpaint</source>
        <translation>图像修复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save fills as PNG…</source>
        <translation>将填充结果保存为 PNG…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save fills</source>
        <translation>保存填充结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save mask…</source>
        <translation>保存掩码…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load picture…</source>
        <translation>加载图片…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo mask edit</source>
        <translation>撤销掩码编辑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redo mask edit</source>
        <translation>重做掩码编辑</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Loading a test picture</source>
        <translation>加载测试图片</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Test picture %1</source>
        <translation>测试图片 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test picture %1: %2.</source>
        <translation>测试图片 %1：%2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not load the Fashion-MNIST test pictures</source>
        <translation>无法加载 Fashion-MNIST 测试图片</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing to run</source>
        <translation>没有可运行的内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>choose at least one method</source>
        <translation>请至少选择一种方法</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing to inpaint</source>
        <translation>没有要修复的内容</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Inpainting</source>
        <translation>图像修复</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 %2 s</source>
        <translation>%1 %2 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filled on %1, seed %2: %3. Scrub t to watch the chains.</source>
        <translation>已在 %1 上填充，种子 %2：%3。拖动 t 观察各条链。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not inpaint</source>
        <translation>无法修复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inpainting with %1 method(s), %2 fill(s) each…</source>
        <translation>正在用 %1 种方法修复，每种填充 %2 次…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&lt;b&gt;U-Net&lt;/b&gt; %1 (%2 steps).</source>
        <translation>&lt;b&gt;U-Net&lt;/b&gt; %1（%2 步）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Inpainting U-Net&lt;/b&gt; %1.</source>
        <translation>&lt;b&gt;修复 U-Net&lt;/b&gt; %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;No inpainting U-Net&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;没有修复 U-Net&lt;/b&gt;：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;%1: %2&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;%1：%2&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 · t = %2 · %5 s
seam %3 (picture: %4)</source>
        <translation>%1 · t = %2 · %5 秒
接缝 %3（图片：%4）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Nothing to export yet: press Inpaint first.</source>
        <translation>还没有可导出的内容：请先按“修复”。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Nothing to save yet: press Inpaint first.</source>
        <translation>还没有可保存的内容：请先按“修复”。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Could not write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/inpaint/lessoninpaintstate.cpp" line="+50"/>
        <source>“state.methods” may only list %1.</source>
        <translation>“state.methods”只能列出 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“state.methods” must list at least one method.</source>
        <translation>“state.methods”必须至少列出一种方法。</translation>
    </message>
</context>
<context>
    <name>ds::ui::LessonInpaint2D</name>
    <message>
        <location filename="../../ui/lessons/inpaint2d/lessoninpaint2d.cpp" line="+55"/>
        <source>Release to sample with %1 = %2.</source>
        <translation>松开以按 %1 = %2 采样。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Regenerate samples</source>
        <translation>重新生成样本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;Tick at least one method to sample.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;请至少勾选一种方法再采样。&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>2-D inpainting</source>
        <translation>二维修复采样</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sampling %1 × %2 with %3…</source>
        <translation>正在用 %3 采样 %1 × %2…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>n = %1 per method · T = %2 · %3 · exact denoisers, so every difference is the method&apos;s. Drag the dashed line to observe another value.</source>
        <translation>每种方法 n = %1 · T = %2 · %3 · 使用精确去噪器，因此所有差异都来自方法本身。拖动虚线可观测另一个值。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;Could not run the inpainting: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;无法运行图像修复：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No samples yet: the inpainting is still being computed.</source>
        <translation>还没有样本：图像修复仍在计算中。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+14"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/inpaint2d/lessoninpaint2d.h" line="+37"/>
        <source>Inpaint 2-D</source>
        <translation>二维修复</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/inpaint2d/lessoninpaint2dstate.cpp" line="+61"/>
        <source>“state.methods” may only list %1.</source>
        <translation>“state.methods”只能列出 %1。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“state.methods” must list at least one method.</source>
        <translation>“state.methods”必须至少列出一种方法。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open lesson file</source>
        <translation>打开课文件</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/inpaint2d/inpaint2dpresets.cpp" line="+20"/>
        <source>Correlated clusters, 90/10 (replace fails)</source>
        <translation>相关簇，90/10（替换法失败）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>90 % of the data sits at (−2, −2). Seeing x₂ = 2 means the point is in the rare cluster, so x₁ ≈ 2; replacement, which sees only a noised x₂ early on, smears its samples between the clusters and puts some near x₁ = −2, where the data almost never is.</source>
        <translation>90% 的数据位于 (−2, −2)。看到 x₂ = 2 说明该点在稀有簇中，因此 x₁ ≈ 2；替换法在早期只能看到加噪的 x₂，会把样本抹散在两个簇之间，并把一些样本放在 x₁ = −2 附近，而那里几乎没有数据。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Correlated clusters, 50/50</source>
        <translation>相关簇，50/50</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two equal clusters on the diagonal: x₂ = 2 picks the upper one. Replacement still leaves some samples in the wrong cluster; try c = 0, where the truth is an even split.</source>
        <translation>对角线上两个大小相同的簇：x₂ = 2 选中上面那个。替换法仍会把一些样本留在错误的簇中；试试 c = 0，此时真实结果是对半分。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Independent coordinates (replace is fine)</source>
        <translation>独立坐标（替换法没问题）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>x₁ does not depend on x₂, so a hazy context costs nothing: all three methods match the truth.</source>
        <translation>x₁ 不依赖于 x₂，所以模糊的上下文没有任何代价：三种方法都与真实分布一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ring of 8</source>
        <translation>8 点圆环</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Eight small clusters on a circle: the line x₂ = 1.41 crosses two of them. Drag it between rows and watch which methods follow.</source>
        <translation>圆上的八个小簇：直线 x₂ = 1.41 穿过其中两个。把它拖到两行之间，观察哪些方法能跟上。</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/inpaint2d/methodstyle.cpp" line="+32"/>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>RePaint</source>
        <translation>RePaint</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conditioned model</source>
        <translation>条件模型</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Replace: after every reverse step the known coordinate is overwritten by a noised copy of c, so the model only ever sees a hazy context; it works okay but can commit to the wrong answer.</source>
        <translation>替换法：每个逆向步之后，已知坐标都被 c 的加噪副本覆盖，因此模型看到的始终是模糊的上下文；效果尚可，但可能锁定错误的答案。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>RePaint: the same replacement, but every block of j steps is noised back and run r times, giving the unknown part more chances to agree with the context (Lugmayr et al. 2022).</source>
        <translation>RePaint：同样的替换，但每 j 步为一块，重新加噪并运行 r 次，让未知部分有更多机会与上下文一致（Lugmayr 等，2022）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Conditioned: a model trained to fill in removed parts sees the clear context x = c at every step; here it is the exact conditional denoiser, so it samples the truth.</source>
        <translation>条件模型：经过训练、能填补被移除部分的模型，在每一步都看到清晰的上下文 x = c；这里它就是精确的条件去噪器，因此能采样出真实分布。</translation>
    </message>
</context>
<context>
    <name>ds::ui::LessonLikelihood</name>
    <message>
        <location filename="../../ui/lessons/likelihood/lessonlikelihood.cpp" line="+71"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This lesson has no page to export from.</source>
        <translation>本课没有可以导出的页面。</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/likelihood/lessonlikelihood.h" line="+35"/>
        <source>Likelihood &amp; score</source>
        <translation>似然与分数</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/likelihood/lessonlikelihoodstate.cpp" line="+58"/>
        <source>“state.pages” has no page “%1”; the pages are %2.</source>
        <translation>“state.pages”中没有页面“%1”；页面有 %2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“state.pages.%1” must be an object.</source>
        <translation>“state.pages.%1”必须是一个对象。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Switch the Denoiser back to exact before opening a lesson file: a learned model locks the data and schedule.</source>
        <translation>打开课程文件之前，请先把去噪器切换回精确去噪器：学习到的模型会锁定数据和调度。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open lesson file</source>
        <translation>打开课程文件</translation>
    </message>
</context>
<context>
    <name>ds::ui::LessonTrain</name>
    <message>
        <location filename="../../ui/lessons/train/lessontrain.cpp" line="+87"/>
        <source>Undo drawing</source>
        <translation>撤销绘制</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redo drawing</source>
        <translation>重做绘制</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../ui/lessons/train/traincontrols.cpp" line="+186"/>
        <source>Save checkpoint…</source>
        <translation>保存检查点…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../ui/lessons/train/traincontrols.cpp" line="+5"/>
        <source>Load checkpoint…</source>
        <translation>加载检查点…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose a data set (or draw one), then press &lt;b&gt;Train&lt;/b&gt;.</source>
        <translation>选择一个数据集（或自己绘制），然后按&lt;b&gt;训练&lt;/b&gt;。</translation>
    </message>
    <message numerus="yes">
        <location line="+89"/>
        <source>%n point(s), %1-D</source>
        <translation>
            <numerusform>%n 个点，%1 维</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · press or drag on the plane to spray points</source>
        <translation> · 在平面上按下或拖动以喷涂点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · at least %1 needed to train</source>
        <translation> · 训练至少需要 %1 个</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> · trained centred, scaled by 1/%1</source>
        <translation> · 训练时已中心化，并按 1/%1 缩放</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Noising the points</source>
        <translation>对点加噪</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>data x₀ (%1)</source>
        <translation>数据 x₀（%1）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>data noised to xₜ</source>
        <translation>加噪到 xₜ 的数据</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>model samples (step %1)</source>
        <translation>模型样本（第 %1 步）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>samples noised to xₜ</source>
        <translation>加噪到 xₜ 的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data q(x₀) and samples of the learned model</source>
        <translation>数据 q(x₀) 与学习到的模型的样本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>t = %1: data and samples, noised to xₜ</source>
        <translation>t = %1：加噪到 xₜ 的数据与样本</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+10"/>
        <location filename="../../ui/lessons/train/lessontrain.h" line="+40"/>
        <location filename="../../ui/lessons/train/traincontrols.cpp" line="-19"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The data set has %1 points; at least %2 are needed. Spray some on the plane or choose a toy data set.</source>
        <translation>数据集有 %1 个点；至少需要 %2 个。请在平面上喷涂一些点，或选择一个玩具数据集。</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../ui/lessons/train/traincontrols.cpp" line="+37"/>
        <source>SW₂: –</source>
        <translation>SW₂：–</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+239"/>
        <source>VLB-weighted ε-MSE</source>
        <translation>VLB 加权的 ε-MSE</translation>
    </message>
    <message>
        <location line="-239"/>
        <location line="+239"/>
        <location filename="../../ui/lessons/train/traincontrols.cpp" line="-45"/>
        <source>L_simple</source>
        <translation>L_simple</translation>
    </message>
    <message>
        <location line="-229"/>
        <source>Pausing…</source>
        <translation>正在暂停…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+10"/>
        <location filename="../../ui/lessons/train/traincontrols.cpp" line="-30"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Sampling the loaded model</source>
        <translation>从加载的模型采样</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training %1 steps…</source>
        <translation>正在训练 %1 步…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Step %1 of %2 · loss %3</source>
        <translation>第 %1 步，共 %2 步 · 损失 %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training: step %1 of %2 · loss %3</source>
        <translation>训练中：第 %1 步，共 %2 步 · 损失 %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SW₂ to data: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>与数据的 SW₂：&lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (floor %1)</source>
        <translation> （下限 %1）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Paused at step %1 (of %2). Resume continues with the same optimiser state.</source>
        <translation>已在第 %1 步暂停（共 %2 步）。“继续”将沿用相同的优化器状态。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Done: %1 steps. Resume trains %2 more; Save keeps the model.</source>
        <translation>完成：%1 步。“继续”会再训练 %2 步；“保存”可保留模型。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped at step %1. The model is final: save it, or press Train for a fresh one.</source>
        <translation>已在第 %1 步停止。模型已定型：保存它，或按“训练”重新训练一个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training diverged</source>
        <translation>训练发散</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training diverged at step %1: %2
The last good weights are kept. Try a smaller learning rate or L_simple weighting.</source>
        <translation>训练在第 %1 步发散：%2
已保留最后一组正常的权重。请尝试更小的学习率或 L_simple 加权。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>MLP %1×%2 on %3, %4 steps</source>
        <translation>MLP %1×%2，数据：%3，%4 步</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No samples yet: train a model (or load a checkpoint) first.</source>
        <translation>还没有样本：请先训练一个模型（或加载检查点）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+6"/>
        <location line="+73"/>
        <location filename="../../ui/lessons/train/trainautosave.cpp" line="+165"/>
        <source>Save checkpoint</source>
        <translation>保存检查点</translation>
    </message>
    <message>
        <location line="-79"/>
        <source>There is no model yet: train one first.</source>
        <translation>还没有模型：请先训练一个。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not save the checkpoint: %1</source>
        <translation>无法保存检查点：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved the model at step %1 to %2.</source>
        <translation>已将第 %1 步的模型保存到 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+8"/>
        <location line="+4"/>
        <location line="+57"/>
        <source>Load checkpoint</source>
        <translation>加载检查点</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Pause or stop training before loading a checkpoint.</source>
        <translation>加载检查点之前，请先暂停或停止训练。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Could not load the checkpoint: %1</source>
        <translation>无法加载检查点：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This lesson shows 1-D and 2-D models; the checkpoint is %1-D.</source>
        <translation>本课展示一维和二维模型；该检查点是 %1 维的。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loaded %1: MLP %2×%3 trained %4 steps on %5. %6</source>
        <translation>已加载 %1：MLP %2×%3，数据：%5，已训练 %4 步。%6</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown data</source>
        <translation>未知数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume trains it further.</source>
        <translation>“继续”可进一步训练它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its data is not available here, so it can be sampled but not trained further.</source>
        <translation>这里没有它的数据，因此只能采样，不能继续训练。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+9"/>
        <source>Load points</source>
        <translation>加载点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV point sets (*.csv);;All files (*)</source>
        <translation>CSV 点集 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+6"/>
        <location filename="../../ui/lessons/train/trainautosave.cpp" line="+1"/>
        <source>Checkpoints (*.ckpt);;All files (*)</source>
        <translation>检查点 (*.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/train/lessontrainstate.cpp" line="+89"/>
        <source>Drawn points are 2-D (“state.dim” = 2).</source>
        <translation>绘制的点是二维的（“state.dim” = 2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“state.points” belongs only to the data “drawn” or “csv”, not “%1”.</source>
        <translation>“state.points”只属于数据“drawn”或“csv”，不属于“%1”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A training run is going on: stop it (or let it finish) before opening a lesson file.</source>
        <translation>正在进行训练：请先停止（或等它完成）再打开课文件。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open lesson file</source>
        <translation>打开课文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>points from a lesson file</source>
        <translation>来自课文件的点</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/lessons/train/trainautosave.cpp" line="-105"/>
        <source>%n drawn points</source>
        <translation>
            <numerusform>%n 个手绘点</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>a model being trained (step %1), not saved</source>
        <translation>正在训练的模型（第 %1 步），未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a model trained %1 steps, not saved</source>
        <translation>训练了 %1 步的模型，未保存</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>a model is being trained now; stop it, then restart Diffusion Studio to restore the autosaved one</source>
        <translation>当前正在训练一个模型；请先停止它，再重启 Diffusion Studio 以恢复自动保存的模型</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the autosaved drawing is not 2-D</source>
        <translation>自动保存的绘图不是二维的</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Restore the autosaved drawing</source>
        <translation>恢复自动保存的绘图</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>autosaved points</source>
        <translation>自动保存的点</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>the autosaved model could not be loaded</source>
        <translation>无法加载自动保存的模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restored the autosaved model (%1 steps). It is not saved yet: &lt;b&gt;Save&lt;/b&gt; keeps it.</source>
        <translation>已恢复自动保存的模型（%1 步）。它尚未保存：&lt;b&gt;保存&lt;/b&gt;可保留它。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>an MLP %1×%2 on %3</source>
        <translation>MLP %1×%2（数据：%3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Train lesson is training %1 (step %2 of %3), and the model has not been saved. Save it?</source>
        <translation>“训练”课正在训练 %1，已到第 %2 步（共 %3 步），模型尚未保存。要保存吗？</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The Train lesson&apos;s model, %1 trained %2 steps, has not been saved. Save it?</source>
        <translation>“训练”课的模型 %1 已训练 %2 步，尚未保存。要保存吗？</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/train/traincontrols.cpp" line="-101"/>
        <source>Data q(x₀)</source>
        <translation>数据 q(x₀)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draw with the spray brush</source>
        <translation>用喷刷绘制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Points from a CSV file</source>
        <translation>来自 CSV 文件的点</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The data distribution q(x₀) the network learns to sample from: a toy set, points you spray on the plane, or a CSV file with columns x,y (or x).</source>
        <translation>网络要学会从中采样的数据分布 q(x₀)：一个玩具数据集、你在平面上喷涂的点，或一个包含 x,y（或 x）列的 CSV 文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>How many points x₀ of the toy set the network trains on.</source>
        <translation>网络训练所用的玩具数据集的点 x₀ 的数量。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Spray brush radius (plane units): each dab drops points uniformly in this disc.</source>
        <translation>喷刷半径（平面单位）：每次点按都会在此圆盘内均匀撒点。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Points per dab: press or drag on the plane to spray. Ctrl+Z undoes a whole stroke, Ctrl+Shift+Z redoes it.</source>
        <translation>每次点按的点数：在平面上按下或拖动即可喷涂。Ctrl+Z 撤销整个笔画，Ctrl+Shift+Z 重做。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove every drawn point (undoable with Ctrl+Z).</source>
        <translation>删除所有绘制的点（可用 Ctrl+Z 撤销）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load CSV…</source>
        <translation>加载 CSV…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read points from a CSV file with the header x,y (2-D) or x (1-D). The model trains on them centred and scaled to unit spread; samples are shown in your units.</source>
        <translation>从表头为 x,y（二维）或 x（一维）的 CSV 文件读取点。模型在中心化并缩放到单位离散度的数据上训练；样本以你的单位显示。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>n</source>
        <translation>n</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Process and network ε_θ</source>
        <translation>过程与网络 ε_θ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Variance schedule β₁…β_T of the forward process q(xₜ | xₜ₋₁): linear (Ho et al. 2020), cosine (Nichol &amp; Dhariwal 2021), …</source>
        <translation>前向过程 q(xₜ | xₜ₋₁) 的方差调度 β₁…β_T：linear（Ho 等，2020）、cosine（Nichol &amp; Dhariwal，2021）……</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>T: the number of noising steps. The network sees t ∈ 1…T through a sinusoidal embedding.</source>
        <translation>T：加噪步数。网络通过正弦嵌入看到 t ∈ 1…T。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Width H of each hidden layer of the MLP ε_θ(xₜ, t) (SiLU activations).</source>
        <translation>MLP ε_θ(xₜ, t) 每个隐藏层的宽度 H（SiLU 激活）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Depth L: number of hidden Linear+SiLU layers.</source>
        <translation>深度 L：隐藏的 Linear+SiLU 层数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps T</source>
        <translation>步数 T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Width H</source>
        <translation>宽度 H</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depth L</source>
        <translation>深度 L</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Adam learning rate (gradient norm clipped to 1; the samples come from an EMA of the weights).</source>
        <translation>Adam 学习率（梯度范数裁剪为 1；样本来自权重的 EMA）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Batch size: data points x₀ per step, each with a random t ∈ 1…T and ε ~ N(0, I).</source>
        <translation>批大小：每步的数据点 x₀ 数，每个点配一个随机的 t ∈ 1…T 和 ε ~ N(0, I)。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Optimisation steps of one run (Resume after a completed run trains this many more).</source>
        <translation>一次运行的优化步数（运行完成后“继续”会再训练这么多步）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Seed of the initial weights, the batches, t and ε: the same seed gives the same run.</source>
        <translation>初始权重、批次、t 和 ε 的随机种子：相同的种子得到相同的运行。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>VLB-weighted</source>
        <translation>VLB 加权</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L_simple = E‖ε − ε_θ(xₜ, t)‖² weights every t alike (Ho et al. 2020, eq. 14). VLB weights each t by its KL term&apos;s coefficient β_t² / (2σ_t² α_t (1−ᾱ_t)) (eq. 12): the true bound, dominated by small t.</source>
        <translation>L_simple = E‖ε − ε_θ(xₜ, t)‖² 对每个 t 一视同仁（Ho 等，2020，式 14）。VLB 加权按每个 t 的 KL 项系数 β_t² / (2σ_t² α_t (1−ᾱ_t)) 加权（式 12）：这是真正的下界，由小 t 主导。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start training a fresh network (new weights from the seed) on the chosen data.</source>
        <translation>在所选数据上开始训练一个新网络（由种子生成新权重）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pause training; weights, Adam moments, EMA and step count are kept.</source>
        <translation>暂停训练；保留权重、Adam 矩、EMA 和步数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue training the current network where it stopped (same step count, optimiser state and EMA). After a completed run: train another run of the set iterations.</source>
        <translation>从停止处继续训练当前网络（步数、优化器状态和 EMA 不变）。若一次运行已完成：再按设定的迭代次数训练一次。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End training: the current EMA model becomes final (save it as a checkpoint).</source>
        <translation>结束训练：当前的 EMA 模型成为最终模型（可保存为检查点）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write the model (EMA weights), the optimiser state, schedule, data description and loss curve to a checkpoint file (.ckpt) that diffusion-cli sample --model can read.</source>
        <translation>把模型（EMA 权重）、优化器状态、调度、数据描述和损失曲线写入检查点文件 (.ckpt)，供 diffusion-cli sample --model 读取。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Read a checkpoint: its model becomes the current one (a corrupt or mismatched file is reported and changes nothing).</source>
        <translation>读取检查点：其中的模型成为当前模型（文件损坏或不匹配时会报告，且不做任何更改）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Optimisation step and the mean training loss since the last report.</source>
        <translation>优化步数，以及自上次报告以来的平均训练损失。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sliced Wasserstein-2 distance between the live samples and the data (normalised units; 0 = same distribution). The floor is the distance between two halves of the data: what a perfect model would score with this many points.</source>
        <translation>实时样本与数据之间的切片 Wasserstein-2 距离（归一化单位；0 = 分布相同）。下限是数据两半之间的距离：即完美模型在这么多点下所能达到的值。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log-scale loss</source>
        <translation>对数刻度损失</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the loss axis logarithmically: late improvements stay visible.</source>
        <translation>以对数刻度显示损失轴：后期的改进仍然清晰可见。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss per band of t</source>
        <translation>按 t 分段的损失</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The unweighted ε-MSE in five bands of t. Small t (little noise) is the hardest: ε is a tiny part of xₜ; large t is easy: xₜ ≈ ε.</source>
        <translation>五个 t 区间内未加权的 ε-MSE。小 t（噪声少）最难：ε 只占 xₜ 的很小一部分；大 t 很容易：xₜ ≈ ε。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Iterations</source>
        <translation>迭代次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>ds::ui::LikelihoodControls</name>
    <message>
        <location filename="../../ui/lessons/likelihood/likelihoodcontrols.cpp" line="+68"/>
        <source>Data q(x₀)</source>
        <translation>数据 q(x₀)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data distribution: a Gaussian mixture in 1-D or 2-D, whose exact density q(x₀) the likelihoods are compared with.</source>
        <translation>数据分布：一维或二维的高斯混合分布，各种似然都与它的精确密度 q(x₀) 比较。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ready-made data: the lecture&apos;s 1-D example and the 2-D lesson&apos;s mixtures.</source>
        <translation>现成的数据：讲座的一维示例和二维课程的混合分布。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data mixture: components separated by &apos;;&apos;, each weight:mean:std with a 1-D mean m or a 2-D mean mx,my, e.g. 0.5:-2:0.4;0.5:2:0.4 or 0.3:1,1:0.2;0.7:-1,0:0.5. Press Enter to apply.</source>
        <translation>数据混合分布：分量之间用“;”分隔，每个分量写成 权重:均值:标准差，一维均值为 m，二维均值为 mx,my，例如 0.5:-2:0.4;0.5:2:0.4 或 0.3:1,1:0.2;0.7:-1,0:0.5。按回车应用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the mixture typed above (a bad spec is reported here and changes nothing).</source>
        <translation>使用上面输入的混合分布（写法有误时在这里报告，且不会改变任何东西）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Forward process q</source>
        <translation>前向过程 q</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Variance schedule β₁…β_T: how much noise each forward step q(xₜ | xₜ₋₁) adds.</source>
        <translation>方差调度 β₁…β_T：每个前向步 q(xₜ | xₜ₋₁) 加入多少噪声。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>T: the number of forward steps, and of the reverse steps&apos; terms Lₜ₋₁ (t = 1…T) in the bound.</source>
        <translation>T：前向步数，也是下界中逆向步的项 Lₜ₋₁（t = 1…T）的个数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;i&gt;Locked: the learned model was trained on this data and schedule. Switch the denoiser back to exact to edit.&lt;/i&gt;</source>
        <translation>&lt;i&gt;已锁定：学习到的模型是在这些数据和调度上训练的。把去噪器切换回精确去噪器即可编辑。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps T</source>
        <translation>步数 T</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%1-D, %n component(s)</source>
        <translation>
            <numerusform>%1 维，%n 个分量</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ds::ui::LikelihoodDocument</name>
    <message>
        <location filename="../../ui/lessons/likelihood/likelihooddocument.cpp" line="+21"/>
        <source>1-D: lecture example (two modes)</source>
        <translation>一维：讲座示例（两个峰）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The lecture&apos;s 1-D mixture: two equally likely, well separated modes.</source>
        <translation>讲座的一维混合分布：两个概率相等、相距较远的峰。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>2-D: %1</source>
        <translation>二维：%1</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>this lesson takes 1-D means (m) or 2-D means (mx,my), not %1-D</source>
        <translation>本课接受一维均值（m）或二维均值（mx,my），不接受 %1 维</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change mixture</source>
        <translation>更改混合分布</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preset “%1”</source>
        <translation>预设“%1”</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Change schedule</source>
        <translation>更改调度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>T = %1</source>
        <translation>T = %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>exact E[ε | xₜ]</source>
        <translation>精确 E[ε | xₜ]</translation>
    </message>
</context>
<context>
    <name>ds::ui::MainWindow</name>
    <message>
        <location filename="../../ui/mainwindow.cpp" line="+139"/>
        <source>Diffusion Studio</source>
        <translation>Diffusion Studio</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Something went wrong and was stopped: %1</source>
        <translation>出现问题，已停止：%1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Export View as &amp;PNG…</source>
        <translation>将视图导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+872"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="-871"/>
        <source>Save a picture of the current lesson&apos;s view (for slides and handouts)</source>
        <translation>保存当前课视图的图片（用于幻灯片和讲义）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Particles as &amp;CSV…</source>
        <translation>将粒子导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+867"/>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <location line="-866"/>
        <source>Save the particles x_t at the current timestep t as a CSV table</source>
        <translation>将当前时间步 t 的粒子 x_t 保存为 CSV 表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export Play as &amp;GIF…</source>
        <translation>将播放导出为 GIF(&amp;G)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+861"/>
        <source>Ctrl+Alt+E</source>
        <translation>Ctrl+Alt+E</translation>
    </message>
    <message>
        <location line="-859"/>
        <source>Save the chain played over a range of t as an animated GIF of the plots (for slides)</source>
        <translation>将在一段 t 范围内播放的链保存为图表的 GIF 动画（用于幻灯片）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export GIF</source>
        <translation>导出 GIF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Presentation Mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Shift+P</source>
        <translation>Ctrl+Shift+P</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Larger fonts, plot lines and markers, so a projected screen reads from the back of a classroom (F11)</source>
        <translation>更大的字体、图线和标记，让投影屏幕在教室后排也能看清（F11）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Lessons: pick one to open it (Ctrl+1, Ctrl+2, …)</source>
        <translation>课：选择一课将其打开（Ctrl+1、Ctrl+2、…）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lessons</source>
        <translation>课</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Caption</source>
        <translation>说明文字</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Open the lesson “%1”</source>
        <translation>打开课“%1”</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>No lessons are built into this copy of Diffusion Studio.</source>
        <translation>这个 Diffusion Studio 副本中没有内置任何课。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recent &amp;Lessons</source>
        <translation>最近的课(&amp;L)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Timeline</source>
        <translation>时间轴(&amp;T)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Lesson</source>
        <translation>课(&amp;L)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lect&amp;ure</source>
        <translation>讲座(&amp;U)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Device</source>
        <translation>设备(&amp;D)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>L&amp;anguage</source>
        <translation>语言(&amp;A)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;About Diffusion Studio</source>
        <translation>关于 Diffusion Studio(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Progress of the running job (sampling runs on a worker thread)</source>
        <translation>正在运行的任务的进度（采样在工作线程上运行）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+610"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="-607"/>
        <source>Stop the running job; its partial result is dropped</source>
        <translation>停止正在运行的任务；其部分结果将被丢弃</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training goes on on its own worker thread while you look at other lessons; pause or stop it in the Train lesson</source>
        <translation>训练在自己的工作线程上继续进行，你可以同时查看其他课；可在“训练”课中暂停或停止</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Where the lesson&apos;s jobs run: the GPU (CUDA) when available, else the CPU (choose in the Device menu, or with --device auto|cpu|cuda)</source>
        <translation>课的任务在何处运行：有 GPU (CUDA) 时用 GPU，否则用 CPU（在“设备”菜单中选择，或使用 --device auto|cpu|cuda）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Auto</source>
        <translation>自动(&amp;A)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The GPU (CUDA) when this machine has one, else the CPU</source>
        <translation>本机有 GPU (CUDA) 时使用 GPU，否则使用 CPU</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;CPU</source>
        <translation>CPU(&amp;C)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Run every job on the CPU</source>
        <translation>所有任务都在 CPU 上运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;UDA</source>
        <translation>CUDA(&amp;U)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>C&amp;UDA (not available)</source>
        <translation>CUDA（不可用）(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run every job on the first GPU</source>
        <translation>所有任务都在第一块 GPU 上运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CUDA is not available: this LibTorch build or this machine has no GPU</source>
        <translation>CUDA 不可用：此 LibTorch 构建或本机没有 GPU</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Device: %1</source>
        <translation>设备：%1</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 cancelled</source>
        <translation>%1 已取消</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>%1 — Diffusion Studio</source>
        <translation>%1 — Diffusion Studio</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>&amp;Lesson: %1</source>
        <translation>课(&amp;L)：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Presentation mode: press F11 to leave</source>
        <translation>演示模式：按 F11 退出</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Cannot write %1: no lesson is open.</source>
        <translation>无法写入 %1：没有打开任何课。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot write %1: t must lie in 0 … %2.</source>
        <translation>无法写入 %1：t 必须在 0 … %2 之间。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot write %1: the step must be at least 1, the frame rate %2 … %3 frames per second and the width at least 1 pixel.</source>
        <translation>无法写入 %1：步长至少为 1，帧率为每秒 %2 … %3 帧，宽度至少为 1 像素。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot write %1: the view is empty; nothing to export.</source>
        <translation>无法写入 %1：视图为空，没有可导出的内容。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The view is empty; nothing to export.</source>
        <translation>视图为空，没有可导出的内容。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+5"/>
        <location line="+5"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../ui/mainwindowfiles.cpp" line="+216"/>
        <source>No lesson is open.</source>
        <translation>没有打开任何课。</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+5"/>
        <source>Export View as PNG</source>
        <translation>将视图导出为 PNG</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <location line="+44"/>
        <location filename="../../ui/mainwindowfiles.cpp" line="+119"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="-53"/>
        <location line="+6"/>
        <source>Export Particles as CSV</source>
        <translation>将粒子导出为 CSV</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>CSV tables (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The particles could not be written.</source>
        <translation>无法写入粒子。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Writing %1…</source>
        <translation>正在写入 %1…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+13"/>
        <source>Export Play as GIF</source>
        <translation>将播放导出为 GIF</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>GIF export cancelled; no file written</source>
        <translation>GIF 导出已取消；未写入文件</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play / pause the chain</source>
        <translation>播放/暂停链</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>← / →</source>
        <translation>← / →</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>t − 1 / t + 1</source>
        <translation>t − 1 / t + 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page Down / Page Up</source>
        <translation>Page Down / Page Up</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>t − 10 / t + 10</source>
        <translation>t − 10 / t + 10</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Home / End</source>
        <translation>Home / End</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>t = 0 (data x₀) / t = T (noise x_T)</source>
        <translation>t = 0（数据 x₀）/ t = T（噪声 x_T）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F11, Ctrl+Shift+P</source>
        <translation>F11, Ctrl+Shift+P</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Presentation mode on / off</source>
        <translation>打开/关闭演示模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+1, Ctrl+2, …</source>
        <translation>Ctrl+1, Ctrl+2, …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Switch lesson</source>
        <translation>切换课</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+O / Ctrl+S</source>
        <translation>Ctrl+O / Ctrl+S</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open / save a lesson file</source>
        <translation>打开/保存课文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Shift+C / Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+C / Ctrl+Shift+V</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Copy / paste a lesson link</source>
        <translation>复制/粘贴课链接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Page Down, Alt+→</source>
        <translation>Ctrl+Page Down, Alt+→</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next slide of the lecture</source>
        <translation>讲座的下一张幻灯片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Page Up, Alt+←</source>
        <translation>Ctrl+Page Up, Alt+←</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Previous slide of the lecture</source>
        <translation>讲座的上一张幻灯片</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../ui/mainwindowfiles.cpp" line="-247"/>
        <source>Ctrl+Shift+H</source>
        <translation>Ctrl+Shift+H</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hide / show the lesson&apos;s controls</source>
        <translation>隐藏/显示课的控件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the view as PNG</source>
        <translation>将视图导出为 PNG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the particles as CSV</source>
        <translation>将粒子导出为 CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the play of a t range as an animated GIF</source>
        <translation>将一段 t 范围的播放导出为 GIF 动画</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The timeline keys work anywhere in the window, except while typing in a text or number field, or while another slider or table has the focus.</source>
        <translation>时间轴快捷键在窗口中任何位置都有效，除非正在文本或数字框中输入，或焦点在另一个滑块或表格上。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>About Diffusion Studio</source>
        <translation>关于 Diffusion Studio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Diffusion Studio %1&lt;/h3&gt;&lt;p&gt;See, step through and poke at denoising diffusion models: the forward process q(x&lt;sub&gt;t&lt;/sub&gt;|x&lt;sub&gt;t-1&lt;/sub&gt;) adds Gaussian noise with variance β&lt;sub&gt;t&lt;/sub&gt; at each step; the reverse process p(x&lt;sub&gt;t-1&lt;/sub&gt;|x&lt;sub&gt;t&lt;/sub&gt;) learns to remove it.&lt;/p&gt;&lt;p&gt;Compute device: %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Diffusion Studio %1&lt;/h3&gt;&lt;p&gt;观察、逐步演示并亲手摆弄去噪扩散模型：前向过程 q(x&lt;sub&gt;t&lt;/sub&gt;|x&lt;sub&gt;t-1&lt;/sub&gt;) 在每一步加入方差为 β&lt;sub&gt;t&lt;/sub&gt; 的高斯噪声；逆向过程 p(x&lt;sub&gt;t-1&lt;/sub&gt;|x&lt;sub&gt;t&lt;/sub&gt;) 学习去除噪声。&lt;/p&gt;&lt;p&gt;计算设备：%2&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/mainwindowfiles.cpp" line="-26"/>
        <source>&amp;Open Lesson…</source>
        <translation>打开课(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a lesson file (.dslesson): a lesson with its data, settings, t and caption</source>
        <translation>打开课文件 (.dslesson)：包含数据、设置、t 和说明文字的一课</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Save Lesson As…</source>
        <translation>课另存为(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+S</source>
        <translation>Ctrl+S</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the current lesson (data, settings, t, direction, caption, hidden controls) as a lesson file</source>
        <translation>将当前课（数据、设置、t、方向、说明文字、隐藏的控件）保存为课文件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Copy Lesson Link</source>
        <translation>复制课链接(&amp;C)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the current lesson as a diffusion-studio:// link to paste in a chat</source>
        <translation>将当前课复制为 diffusion-studio:// 链接，可粘贴到聊天中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Paste Lesson Link</source>
        <translation>粘贴课链接(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the diffusion-studio:// lesson link on the clipboard</source>
        <translation>打开剪贴板中的 diffusion-studio:// 课链接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Hide Lesson Controls</source>
        <translation>隐藏课控件(&amp;H)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hide the lesson&apos;s control column so the plots fill the screen (a classroom option; saved in lesson files)</source>
        <translation>隐藏课的控件栏，让图表占满屏幕（课堂选项；保存在课文件中）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next Slide</source>
        <translation>下一张幻灯片(&amp;N)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the next lesson file of the lecture</source>
        <translation>打开讲座的下一个课文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Previous Slide</source>
        <translation>上一张幻灯片(&amp;P)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open the previous lesson file of the lecture</source>
        <translation>打开讲座的上一个课文件</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+146"/>
        <location line="+6"/>
        <source>Lecture</source>
        <translation>讲座</translation>
    </message>
    <message>
        <location line="-149"/>
        <source>No lecture files were found</source>
        <translation>未找到讲座文件</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>This version of Diffusion Studio has no lesson “%1”.</source>
        <translation>这个版本的 Diffusion Studio 没有课“%1”。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Cannot open the lesson file %1: %2</source>
        <translation>无法打开课文件 %1：%2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cannot open the lesson link: %1</source>
        <translation>无法打开课链接：%1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The lecture has no slide %1.</source>
        <translation>讲座没有第 %1 张幻灯片。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Lecture: slide %1 of %2</source>
        <translation>讲座：第 %1 张幻灯片，共 %2 张</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+8"/>
        <location line="+83"/>
        <source>Open Lesson</source>
        <translation>打开课</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Lesson files (*.dslesson);;All files (*)</source>
        <translation>课文件 (*.dslesson);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+5"/>
        <source>Save Lesson As</source>
        <translation>课另存为</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Lesson files (*.dslesson)</source>
        <translation>课文件 (*.dslesson)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copied a link to this lesson: paste it in a chat; Edit → Paste Lesson Link opens it</source>
        <translation>已复制指向本课的链接：把它粘贴到聊天中；“编辑 → 粘贴课链接”可打开它</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The clipboard holds no text; copy a diffusion-studio://lesson link first.</source>
        <translation>剪贴板中没有文本；请先复制一个 diffusion-studio://lesson 链接。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opened the pasted lesson link</source>
        <translation>已打开粘贴的课链接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paste Lesson Link</source>
        <translation>粘贴课链接</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No recent lessons</source>
        <translation>没有最近的课</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Clear Recent Lessons</source>
        <translation>清除最近的课(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ds::ui::MaskCanvas</name>
    <message>
        <location filename="../../ui/lessons/inpaint/maskcanvas.cpp" line="+43"/>
        <source>Paint the mask: orange pixels will be filled in, the rest of the picture is kept.
Left drag: use the tool · right drag or Shift: erase / clear instead
Mouse wheel: zoom about the cursor · middle drag or Space + drag: pan
[ and ]: smaller / larger brush · X: swap brush and eraser</source>
        <translation>绘制掩码：橙色像素将被填充，图片的其余部分保留。
左键拖动：使用工具 · 右键拖动或按住 Shift：改为擦除/清除
鼠标滚轮：以光标为中心缩放 · 中键拖动或 Space + 拖动：平移
[ 和 ]：缩小/放大画笔 · X：切换画笔和橡皮擦</translation>
    </message>
</context>
<context>
    <name>ds::ui::MaskDocument</name>
    <message>
        <location filename="../../ui/lessons/inpaint/maskdocument.cpp" line="+24"/>
        <source>%1 and %2</source>
        <comment>the last two items of a list</comment>
        <translation>%1和%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <comment>between the items of a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>New picture</source>
        <translation>新图片</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The picture</source>
        <translation>该图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is empty; the picture was not changed.</source>
        <translation>%1 是空的；图片未更改。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>put on black where transparent</source>
        <translation>在透明处填充黑色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>converted to grayscale</source>
        <translation>转换为灰度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>scaled to %1</source>
        <translation>缩放到 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>centred in %1</source>
        <translation>在 %1 中居中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is used as it is.</source>
        <translation>%1 按原样使用。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 was %2.</source>
        <translation>%1 已处理：%2。</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+52"/>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 不存在或不是文件。</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>%1 is not a picture that can be read (%2).</source>
        <translation>%1 不是可读取的图片（%2）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+7"/>
        <source>%1 is %2 pixels; pictures up to %3×%3 can be loaded. Nothing was changed.</source>
        <translation>%1 为 %2 像素；最多可加载 %3×%3 的图片。未做任何更改。</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 could not be decoded (%2). Nothing was changed.</source>
        <translation>无法解码 %1（%2）。未做任何更改。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Set mask</source>
        <translation>设置掩码</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not a mask picture (%2).</source>
        <translation>%1 不是掩码图片（%2）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>The mask %1 is %2 pixels but the picture is %3; a mask must have the picture&apos;s size.</source>
        <translation>掩码 %1 为 %2 像素，而图片为 %3；掩码必须与图片大小相同。</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 could not be decoded (%2). The mask was not changed.</source>
        <translation>无法解码 %1（%2）。掩码未更改。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Load mask %1</source>
        <translation>加载掩码 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+9"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Cannot write %1: the PNG encoder failed (%2).</source>
        <translation>无法写入 %1：PNG 编码器失败（%2）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fill all</source>
        <translation>全部填充</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear mask</source>
        <translation>清除掩码</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Invert mask</source>
        <translation>反转掩码</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Fill rectangle</source>
        <translation>填充矩形</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clear rectangle</source>
        <translation>清除矩形</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Fill lasso</source>
        <translation>填充套索区域</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clear lasso</source>
        <translation>清除套索区域</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+9"/>
        <source>Eraser stroke</source>
        <translation>橡皮擦笔画</translation>
    </message>
    <message>
        <location line="-9"/>
        <location line="+9"/>
        <source>Brush stroke</source>
        <translation>画笔笔画</translation>
    </message>
</context>
<context>
    <name>ds::ui::MaskToolsPanel</name>
    <message>
        <location filename="../../ui/lessons/inpaint/masktools.cpp" line="+67"/>
        <source>Less than 1 % of the picture will be filled</source>
        <translation>图片中不到 1% 的部分将被填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More than 99 % of the picture will be filled</source>
        <translation>图片中超过 99% 的部分将被填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 % of the picture will be filled</source>
        <translation>图片中 %1% 的部分将被填充</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tool</source>
        <translation>工具</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+28"/>
        <source>Brush</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Paint the pixels to fill (X swaps brush and eraser; right drag erases).</source>
        <translation>涂出要填充的像素（X 切换画笔和橡皮擦；右键拖动为擦除）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase the mask: these pixels of the picture are kept (X swaps brush and eraser).</source>
        <translation>擦除掩码：图片的这些像素将被保留（X 切换画笔和橡皮擦）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rectangle</source>
        <translation>矩形</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a rectangle of pixels to fill; with Shift or the right button it is cleared.</source>
        <translation>拖出一个要填充的像素矩形；按住 Shift 或用右键则为清除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lasso</source>
        <translation>套索</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw a closed outline; the pixels whose centres lie inside are filled (Shift or right button: cleared).</source>
        <translation>画一条闭合轮廓；中心位于其内的像素将被填充（按住 Shift 或用右键：清除）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Brush diameter in picture pixels ([ smaller, ] larger).</source>
        <translation>画笔直径，以图片像素计（[ 缩小，] 放大）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+34"/>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>100 %: a hard edge. Lower values give a soft edge: full strength only in the inner part of the disc, fading to nothing at its rim, so the filled region blends in.</source>
        <translation>100%：硬边缘。较低的值得到软边缘：只有圆盘内部为全强度，向边缘逐渐减弱到零，使填充区域自然融合。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hardness</source>
        <translation>硬度</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fill all</source>
        <translation>全部填充</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the whole picture to be filled (one undo step).</source>
        <translation>将整张图片标记为待填充（一步撤销）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the mask: the whole picture is kept (one undo step).</source>
        <translation>移除掩码：保留整张图片（一步撤销）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invert</source>
        <translation>反转</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Swap filled and kept pixels (one undo step).</source>
        <translation>交换填充像素和保留像素（一步撤销）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>How strongly the orange mask covers the picture on the canvas (display only).</source>
        <translation>橙色掩码在画布上覆盖图片的浓度（仅影响显示）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to window</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole picture as large as the canvas allows (the mouse wheel zooms, middle drag or Space + drag pans).</source>
        <translation>在画布允许的范围内尽可能大地显示整张图片（鼠标滚轮缩放，中键拖动或 Space + 拖动平移）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The share of pixels whose mask is at least 50 %: these are generated.</source>
        <translation>掩码值至少为 50% 的像素所占的比例：这些像素将被生成。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pixel under the mouse and its mask value (1 = fill, 0 = keep).</source>
        <translation>鼠标下的像素及其掩码值（1 = 填充，0 = 保留）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Overlay</source>
        <translation>叠加层</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load picture…</source>
        <translation>加载图片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a picture (PNG, JPEG, …): it is turned to grayscale and scaled to fit the %1×%2 canvas; the mask is kept.</source>
        <translation>打开一张图片（PNG、JPEG、…）：它会被转为灰度并缩放以适应 %1×%2 的画布；掩码保留。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Load mask…</source>
        <translation>加载掩码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a mask PNG of the picture&apos;s size: white = fill, black = keep.</source>
        <translation>打开一个与图片大小相同的 PNG 掩码：白色 = 填充，黑色 = 保留。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save mask…</source>
        <translation>保存掩码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the mask as an 8-bit grayscale PNG: white = fill, black = keep.</source>
        <translation>将掩码保存为 8 位灰度 PNG：白色 = 填充，黑色 = 保留。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What was done to the last picture loaded.</source>
        <translation>对上次加载的图片所做的处理。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Undo: %1 (Ctrl+Z)</source>
        <translation>撤销：%1 (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo: %1 (Ctrl+Shift+Z)</source>
        <translation>重做：%1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing to redo</source>
        <translation>没有可重做的操作</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Point at the picture to read a pixel&apos;s mask value.</source>
        <translation>将鼠标指向图片以读取像素的掩码值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pixel (%1, %2): mask %3</source>
        <translation>像素 (%1, %2)：掩码 %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <source>Load picture</source>
        <translation>加载图片</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Pictures (%1);;All files (*)</source>
        <translation>图片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+4"/>
        <source>Load mask</source>
        <translation>加载掩码</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>PNG masks (*.png);;All files (*)</source>
        <translation>PNG 掩码 (*.png);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+6"/>
        <source>Save mask</source>
        <translation>保存掩码</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>mask.png</source>
        <translation>mask.png</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG masks (*.png)</source>
        <translation>PNG 掩码 (*.png)</translation>
    </message>
</context>
<context>
    <name>ds::ui::Mixture1DControls</name>
    <message>
        <location filename="../../ui/lessons/mixture1d/mixture1dcontrols.cpp" line="+40"/>
        <source>What the panels show. The reverse chain uses the exact ε-predictor E[ε | xₜ] of this mixture (a perfectly trained model) or the learned ε_θ chosen under Denoiser.</source>
        <translation>各面板显示的内容。逆向链使用该混合分布的精确 ε 预测器 E[ε | xₜ]（即训练完美的模型），或在“去噪器”下选择的学习到的 ε_θ。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Data q(x₀) = Σ wⱼ N(μⱼ, sⱼ²)</source>
        <translation>数据 q(x₀) = Σ wⱼ N(μⱼ, sⱼ²)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The data distribution: a mixture of 1-D Gaussians (the lecture&apos;s example has two modes).</source>
        <translation>数据分布：一维高斯混合（讲座中的例子有两个峰）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lecture example</source>
        <translation>讲座示例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore the lecture&apos;s bimodal data distribution.</source>
        <translation>恢复讲座中的双峰数据分布。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Forward process q</source>
        <translation>前向过程 q</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Variance schedule β₁…β_T: how much noise each forward step q(xₜ | xₜ₋₁) adds. linear: Ho et al. 2020; cosine: Nichol &amp; Dhariwal 2021 (destroys signal more slowly).</source>
        <translation>方差调度 β₁…β_T：每个前向步 q(xₜ | xₜ₋₁) 加入多少噪声。linear：Ho 等，2020；cosine：Nichol &amp; Dhariwal，2021（破坏信号更慢）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T: the number of forward steps. More, smaller steps make each reverse step easier to undo (β is rescaled by 1000/T, so any T reaches ≈ N(0, 1)).</source>
        <translation>T：前向步数。步数越多、每步越小，每个逆向步就越容易还原（β 按 1000/T 重新缩放，因此任何 T 都能到达 ≈ N(0, 1)）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random seed of the particles and the noise ε: the same seed gives the same chains.</source>
        <translation>粒子和噪声 ε 的随机种子：相同的种子得到相同的链。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of particles: samples x₀ ~ q(x₀) run through the forward chain, and samples x_T ~ N(0, 1) run through the reverse (DDPM) chain.</source>
        <translation>粒子数：样本 x₀ ~ q(x₀) 经过前向链，样本 x_T ~ N(0, 1) 经过逆向 (DDPM) 链。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resample</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw fresh particles and noise (next seed) and re-run both chains.</source>
        <translation>抽取新的粒子和噪声（下一个种子），并重新运行两条链。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps T</source>
        <translation>步数 T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Particles</source>
        <translation>粒子</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Locked: the learned model was trained on this data and schedule. Switch the denoiser back to exact to edit.</source>
        <translation>已锁定：学习到的模型是在这些数据和调度上训练的。把去噪器切换回精确模式即可编辑。</translation>
    </message>
</context>
<context>
    <name>ds::ui::Mixture2DControls</name>
    <message>
        <location filename="../../ui/lessons/mixture2d/mixture2dcontrols.cpp" line="+63"/>
        <source>Data q(x₀)</source>
        <translation>数据 q(x₀)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ready-made data distributions (2-D Gaussian mixtures).</source>
        <translation>现成的数据分布（二维高斯混合）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The data mixture: components separated by &apos;;&apos;, each weight:mx,my:std, e.g. 0.3:1,1:0.2;0.7:-1,0:0.5. Press Enter to apply.</source>
        <translation>数据混合分布：各分量用“;”分隔，每个分量写作 权重:mx,my:标准差，例如 0.3:1,1:0.2;0.7:-1,0:0.5。按 Enter 应用。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use the mixture typed above (a bad spec is reported here and changes nothing).</source>
        <translation>使用上面输入的混合分布（格式错误会在此报告，且不做任何更改）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Process and sampler</source>
        <translation>过程与采样器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Variance schedule β₁…β_T of the forward process q(xₜ | xₜ₋₁).</source>
        <translation>前向过程 q(xₜ | xₜ₋₁) 的方差调度 β₁…β_T。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>T: the number of forward noising steps.</source>
        <translation>T：前向加噪的步数。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DDPM</source>
        <translation>DDPM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDIM</source>
        <translation>DDIM</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DDPM: ancestral sampling, one Gaussian reverse step p(xₜ₋₁ | xₜ) per t. DDIM: skips along S of the T steps; η = 0 is deterministic, η = 1 ≈ DDPM noise.</source>
        <translation>DDPM：祖先采样，每个 t 做一次高斯逆向步 p(xₜ₋₁ | xₜ)。DDIM：沿 T 步中的 S 步跳跃前进；η = 0 为确定性，η = 1 ≈ DDPM 的噪声。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S: number of DDIM steps (an evenly spaced subsequence of 1…T). The reverse trajectory has only S+1 recorded t; the plot shows the nearest one.</source>
        <translation>S：DDIM 步数（1…T 中均匀间隔的子序列）。逆向轨迹只记录 S+1 个 t；图中显示最近的那个。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>η: DDIM stochasticity. 0 = deterministic (probability-flow-like), 1 ≈ DDPM.</source>
        <translation>η：DDIM 的随机性。0 = 确定性（类似概率流常微分方程），1 ≈ DDPM。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Random seed of the particles and the noise: the same seed gives the same run.</source>
        <translation>粒子和噪声的随机种子：相同的种子得到相同的运行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number of particles in the forward chain (from data) and the sampler (from N(0, I)).</source>
        <translation>前向链（从数据出发）和采样器（从 N(0, I) 出发）中的粒子数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw fresh particles and noise (next seed) and run the chains again.</source>
        <translation>抽取新的粒子和噪声（下一个种子），并再次运行各条链。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule</source>
        <translation>调度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps T</source>
        <translation>步数 T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDIM steps S</source>
        <translation>DDIM 步数 S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDIM η</source>
        <translation>DDIM η</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Particles</source>
        <translation>粒子</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vector field</source>
        <translation>向量场</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Arrows of the score ∇log q(xₜ) (where density increases) or of −ε̂ on a grid. Length ∝ √|v|, normalised per t.</source>
        <translation>网格上得分 ∇log q(xₜ)（密度增加的方向）或 −ε̂ 的箭头。长度 ∝ √|v|，按每个 t 归一化。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>score ∇log q(xₜ)</source>
        <translation>得分 ∇log q(xₜ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>−ε̂ = −E[ε | xₜ]</source>
        <translation>−ε̂ = −E[ε | xₜ]</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The score and the negative noise prediction point the same way: E[ε | xₜ] = −√(1−ᾱₜ) ∇log q(xₜ).</source>
        <translation>得分与负的噪声预测指向同一方向：E[ε | xₜ] = −√(1−ᾱₜ) ∇log q(xₜ)。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paths of 5 particles</source>
        <translation>5 个粒子的路径</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The path so far of the first five particles (from x₀ going forward, from x_T in reverse); circles mark them at t.</source>
        <translation>前五个粒子到目前为止的路径（前向时从 x₀ 出发，逆向时从 x_T 出发）；圆圈标出它们在 t 时的位置。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Not applied: %1</source>
        <translation>未应用：%1</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Locked: the learned model was trained on this data and schedule. Switch the denoiser back to exact to edit.</source>
        <translation>已锁定：学习到的模型是在这些数据和调度上训练的。把去噪器切换回精确模式即可编辑。</translation>
    </message>
</context>
<context>
    <name>ds::ui::Mixture2DDocument</name>
    <message>
        <location filename="../../ui/lessons/mixture2d/mixture2ddocument.cpp" line="+24"/>
        <source>This lesson needs 2-D means written mx,my (got %1-D).</source>
        <translation>本课需要二维均值，写成 mx,my（现在是 %1 维）。</translation>
    </message>
</context>
<context>
    <name>ds::ui::MixtureTable</name>
    <message>
        <location filename="../../ui/lessons/mixture1d/mixturetable.cpp" line="+19"/>
        <source>w</source>
        <translation>w</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>μ</source>
        <translation>μ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>w: mixture weight w_j, the share of the data x_0 in this component (weights are normalised).</source>
        <translation>w：混合权重 w_j，即数据 x_0 中属于该分量的比例（权重会被归一化）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>μ: mean μ_j of the component, where a mode of the data q(x_0) sits.</source>
        <translation>μ：分量的均值 μ_j，即数据 q(x_0) 的一个峰所在的位置。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>s: standard deviation s_j of the component. Diffusing to step t gives a Gaussian with mean √ᾱ_t μ_j and variance ᾱ_t s_j² + 1 − ᾱ_t.</source>
        <translation>s：分量的标准差 s_j。扩散到第 t 步得到均值为 √ᾱ_t μ_j、方差为 ᾱ_t s_j² + 1 − ᾱ_t 的高斯分布。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The data distribution q(x_0): a mixture of Gaussians. Edit a cell to re-run the chains.</source>
        <translation>数据分布 q(x_0)：高斯混合。编辑单元格会重新运行各条链。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a mixture component (a new mode of the data).</source>
        <translation>添加一个混合分量（数据的一个新峰）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the selected component (or the last one).</source>
        <translation>删除选中的分量（或最后一个）。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Weight w_j of this component in q(x_0).</source>
        <translation>该分量在 q(x_0) 中的权重 w_j。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mean μ_j of this component of q(x_0).</source>
        <translation>q(x_0) 中该分量的均值 μ_j。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard deviation s_j of this component of q(x_0).</source>
        <translation>q(x_0) 中该分量的标准差 s_j。</translation>
    </message>
</context>
<context>
    <name>ds::ui::NoticeBar</name>
    <message>
        <location filename="../../ui/widgets/noticebar.cpp" line="+25"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notice</source>
        <translation>提示</translation>
    </message>
</context>
<context>
    <name>ds::ui::PixelHistogramView</name>
    <message>
        <location filename="../../ui/lessons/images/pixelhistogram.cpp" line="+17"/>
        <source>All pixel values of the images xₜ at the current t, against the standard normal density.</source>
        <translation>当前 t 下图像 xₜ 的所有像素值，与标准正态密度对比。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pixel values of xₜ</source>
        <translation>xₜ 的像素值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pixel value</source>
        <translation>像素值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>pixels of xₜ</source>
        <translation>xₜ 的像素</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>N(0, 1)</source>
        <translation>N(0, 1)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Pixel values of xₜ at t = %1: mean %2, std %3</source>
        <translation>t = %1 时 xₜ 的像素值：均值 %2，标准差 %3</translation>
    </message>
</context>
<context>
    <name>ds::ui::PlaneView</name>
    <message>
        <location filename="../../ui/lessons/mixture2d/planeview.cpp" line="+33"/>
        <source>Particles xₜ over the exact density q(xₜ) (bands). Click to choose the xₜ whose reverse posterior is shown on the right.</source>
        <translation>精确密度 q(xₜ)（色带）上的粒子 xₜ。点击可选择 xₜ，右侧会显示它的逆向后验分布。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>q(xₜ) and particles</source>
        <translation>q(xₜ) 与粒子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>exact density q(xₜ)</source>
        <translation>精确密度 q(xₜ)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+190"/>
        <source>score ∇log q(xₜ)</source>
        <translation>得分 ∇log q(xₜ)</translation>
    </message>
    <message>
        <location line="-187"/>
        <source>particles xₜ</source>
        <translation>粒子 xₜ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>paths of %1 particles</source>
        <translation>%1 个粒子的路径</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>clicked xₜ</source>
        <translation>点击的 xₜ</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>t = %1: particles over the exact q(xₜ)</source>
        <translation>t = %1：精确 q(xₜ) 上的粒子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  (%1: nearest recorded step to t = %2)</source>
        <translation>  （%1：距 t = %2 最近的记录步）</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>−ε̂ = −E[ε | xₜ]</source>
        <translation>−ε̂ = −E[ε | xₜ]</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exact %1</source>
        <translation>精确%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learned −εθ/√(1−ᾱₜ)</source>
        <translation>学习的 −εθ/√(1−ᾱₜ)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>learned −εθ</source>
        <translation>学习的 −εθ</translation>
    </message>
</context>
<context>
    <name>ds::ui::PointPage</name>
    <message>
        <location filename="../../ui/lessons/likelihood/pointpage.cpp" line="+69"/>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>± std. error</source>
        <translation>± 标准误差</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bits/dim</source>
        <translation>比特/维</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exact −log q(x₀)</source>
        <translation>精确 −log q(x₀)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ODE, prior N(0, I)</source>
        <translation>ODE，先验 N(0, I)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ODE, exact prior q(x_T)</source>
        <translation>ODE，精确先验 q(x_T)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>VLB (mean of M copies)</source>
        <translation>VLB（M 个副本的均值）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled; change a setting or click to compute again.</source>
        <translation>已取消；更改设置或点击即可重新计算。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point NLL: %1</source>
        <translation>点的负对数似然：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Adaptive (Dormand–Prince)</source>
        <translation>自适应（Dormand–Prince）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heun, N steps</source>
        <translation>Heun，N 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ODE solver for the NLL, the encoding x₀ → x_T and the decoding back.</source>
        <translation>用于计算负对数似然、编码 x₀ → x_T 以及解码回来的常微分方程求解器。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ODE solver</source>
        <translation>ODE 求解器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Heun steps (at most T).</source>
        <translation>Heun 步数（最多 T）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heun steps N</source>
        <translation>Heun 步数 N</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Adaptive solver: relative tolerance, in (0, 0.1].</source>
        <translation>自适应求解器：相对容差，在 (0, 0.1] 之内。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adaptive solver: absolute tolerance, in (0, 0.1].</source>
        <translation>自适应求解器：绝对容差，在 (0, 0.1] 之内。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rtol / atol</source>
        <translation>rtol / atol</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The VLB is a random estimate (one x_t draw per t); it is averaged over M copies of x₀ for a mean and a standard error.</source>
        <translation>VLB 是随机估计（每个 t 抽取一个 x_t）；对 x₀ 的 M 个副本取平均，得到均值和标准误差。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VLB copies M</source>
        <translation>VLB 副本数 M</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>DDPM paths</source>
        <translation>DDPM 路径</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>x₀ (x₁)</source>
        <translation>x₀（x₁）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₀ (x₂)</source>
        <translation>x₀（x₂）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>rtol must be a number in (0, 0.1].</source>
        <translation>rtol 必须是 (0, 0.1] 之内的数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>atol must be a number in (0, 0.1].</source>
        <translation>atol 必须是 (0, 0.1] 之内的数。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Heun steps must be at most T = %1.</source>
        <translation>Heun 步数最多为 T = %1。</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Point NLL and paths</source>
        <translation>点的负对数似然与路径</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 denoiser evaluations in the ODE NLL</source>
        <translation>ODE 负对数似然中的 %1 次去噪器求值</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Needs the exact denoiser: a learned model has no exact q(x_T).</source>
        <translation>需要精确去噪器：学习到的模型没有精确的 q(x_T)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The ODE with the diffused data q(x_T) as its prior instead of N(0, I): what is left is the solver&apos;s error alone.</source>
        <translation>以扩散后的数据 q(x_T) 而不是 N(0, I) 作为先验的 ODE：剩下的只有求解器的误差。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>L₀ %1, Σ Lₜ₋₁ %2, L_T %3 nats (means over M = %4 copies)</source>
        <translation>L₀ %1，Σ Lₜ₋₁ %2，L_T %3 奈特（M = %4 个副本上的均值）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;b&gt;Order:&lt;/b&gt; exact %1 ≤ VLB %2 ± %3 nats: the bound is %4 nats above (L₀ %5, Σ Lₜ₋₁ %6, L_T %7).</source>
        <translation>&lt;b&gt;大小关系：&lt;/b&gt;精确值 %1 ≤ 变分下界 %2 ± %3 奈特：下界高出 %4 奈特（L₀ %5，Σ Lₜ₋₁ %6，L_T %7）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Denoiser: %1. The ODE and the VLB are this model&apos;s NLL; the exact row is the data&apos;s, so the differences include the model&apos;s error.</source>
        <translation>去噪器：%1。ODE 和 VLB 是该模型的负对数似然；精确一行是数据的，因此差值包含模型的误差。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The ODE with the N(0, I) prior also carries the mismatch between q(x_T) and N(0, I); with the exact prior q(x_T) only the solver&apos;s error is left (%1 nats).</source>
        <translation>使用 N(0, I) 先验的 ODE 还带有 q(x_T) 与 N(0, I) 之间的失配；使用精确先验 q(x_T) 时只剩求解器的误差（%1 奈特）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Paths:&lt;/b&gt; x₀ encoded along the ODE to x_T (yellow square), decoded back to within %1 of x₀ (deterministic); %2 DDPM chains from the same x_T end elsewhere (stochastic).</source>
        <translation>&lt;b&gt;路径：&lt;/b&gt;x₀ 沿 ODE 编码到 x_T（黄色方块），再解码回到距 x₀ %1 以内（确定性）；从同一个 x_T 出发的 %2 条 DDPM 链终点各不相同（随机性）。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>There are no paths yet: let the page compute first.</source>
        <translation>还没有路径：请先让本页完成计算。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+17"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>“%1” must hold 1 or 2 numbers of at most %2 in size.</source>
        <translation>“%1”必须包含 1 个或 2 个绝对值不超过 %2 的数。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” must hold 1 or 2 numbers.</source>
        <translation>“%1”必须包含 1 个或 2 个数。</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/likelihood/pointpage.h" line="+38"/>
        <source>Point NLL &amp; paths</source>
        <translation>点的负对数似然与路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Point NLL</source>
        <translation>点的 NLL</translation>
    </message>
</context>
<context>
    <name>ds::ui::PointView</name>
    <message>
        <location filename="../../ui/lessons/likelihood/pointview.cpp" line="+33"/>
        <source>Data density q(x₀): click a point</source>
        <translation>数据密度 q(x₀)：点击选择一个点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>data density q(x₀)</source>
        <translation>数据密度 q(x₀)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>q(x₀)</source>
        <translation>q(x₀)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+53"/>
        <source>x₀</source>
        <translation>x₀</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>at the timeline&apos;s t</source>
        <translation>在时间轴的 t 处</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Click or drag to choose the point x₀ whose negative log-likelihood is computed. In 2-D: the ODE path encodes x₀ to x_T (yellow square) and decodes it back; DDPM paths start from the same x_T.</source>
        <translation>单击或拖动以选择要计算负对数似然的点 x₀。二维时：ODE 路径把 x₀ 编码到 x_T（黄色方块）再解码回来；DDPM 路径从同一个 x_T 出发。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The ODE returns to x₀, DDPM does not</source>
        <translation>ODE 回到 x₀，DDPM 不会</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paths against t: the ODE path from x₀ to x_T and back returns to x₀; DDPM paths from the same x_T end elsewhere.</source>
        <translation>路径随 t 的变化：从 x₀ 到 x_T 再返回的 ODE 路径回到 x₀；从同一个 x_T 出发的 DDPM 路径终止于别处。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>DDPM paths</source>
        <translation>DDPM 路径</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ODE path</source>
        <translation>ODE 路径</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>x₀ encoded at T</source>
        <translation>x₀ 在 T 处的编码</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>density q(x₀)</source>
        <translation>密度 q(x₀)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Data density q(x₀) with the paths of x₀ = (%1, %2)</source>
        <translation>数据密度 q(x₀) 与 x₀ = (%1, %2) 的路径</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data density q(x₀); x₀ = %1</source>
        <translation>数据密度 q(x₀)；x₀ = %1</translation>
    </message>
</context>
<context>
    <name>ds::ui::PosteriorPanel</name>
    <message>
        <location filename="../../ui/lessons/mixture1d/posteriorpanel.cpp" line="+32"/>
        <source>Drag on the plot to move the observed xₜ. Where did the chain come from?</source>
        <translation>在图上拖动可移动观测到的 xₜ。这条链是从哪里来的？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where did xₜ come from?</source>
        <translation>xₜ 从哪里来？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>xₜ₋ₖ (earlier state of the chain)</source>
        <translation>xₜ₋ₖ（链的较早状态）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>prior</source>
        <translation>先验</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>prior q(xₜ₋ₖ), right axis</source>
        <translation>先验 q(xₜ₋ₖ)，右轴</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>likelihood q(xₜ | xₜ₋ₖ), area 1</source>
        <translation>似然 q(xₜ | xₜ₋ₖ)，面积为 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>exact posterior q(xₜ₋ₖ | xₜ)</source>
        <translation>精确后验分布 q(xₜ₋ₖ | xₜ)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>perfect model&apos;s Gaussian step</source>
        <translation>完美模型的高斯步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>learned εθ&apos;s Gaussian step</source>
        <translation>学习的 εθ 的高斯步</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>xₜ</source>
        <translation>xₜ</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>xₜ = </source>
        <translation>xₜ = </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The observed noisy sample xₜ. The panel asks: given xₜ, where was the chain k steps earlier? You can also drag on the plot.</source>
        <translation>观测到的含噪样本 xₜ。这个面板要回答：给定 xₜ，链在 k 步之前在哪里？你也可以在图上拖动。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Jump size k: how many forward steps q(xₜ | xₜ₋ₖ) separate the two states. k = 1 is one small noising step (what diffusion models undo); a big k is a big jump.</source>
        <translation>跳跃大小 k：两个状态之间隔了多少个前向步 q(xₜ | xₜ₋ₖ)。k = 1 是一个小的加噪步（扩散模型要还原的正是它）；k 大就是大跳跃。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The lecture&apos;s argument: with small steps the reverse posterior is unimodal and nearly Gaussian, so a Gaussian reverse step can model it.</source>
        <translation>讲座中的论点：步长很小时，逆向后验分布是单峰且近似高斯的，因此可以用高斯逆向步来建模。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>jump k</source>
        <translation>跳跃 k</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+124"/>
        <source>Computing the posterior…</source>
        <translation>正在计算后验分布…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>t = 0: x₀ is data, there is no step to undo. Move t forward.</source>
        <translation>t = 0：x₀ 就是数据，没有需要还原的步。请把 t 向前移动。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&lt;b&gt;Big jump (k = %1): multimodal&lt;/b&gt; (%2 modes). From xₜ alone we cannot tell which mode the chain jumped from: one Gaussian step cannot undo this jump.</source>
        <translation>&lt;b&gt;大跳跃（k = %1）：多峰&lt;/b&gt;（%2 个峰）。仅凭 xₜ 无法判断链是从哪个峰跳过来的：一个高斯步无法还原这次跳跃。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Small step (k = 1): unimodal, ≈ Gaussian.&lt;/b&gt; The narrow likelihood pins down xₜ₋₁; the perfect model&apos;s Gaussian step (dotted) lies on it.</source>
        <translation>&lt;b&gt;小步（k = 1）：单峰，≈ 高斯。&lt;/b&gt;狭窄的似然锁定了 xₜ₋₁；完美模型的高斯步（点线）与之重合。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> The learned step&apos;s mean is %1 σ from it.</source>
        <translation> 学习到的步的均值与它相差 %1 σ。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;k = %1: still unimodal here.&lt;/b&gt; Drag xₜ between the modes or raise k to watch the posterior split.</source>
        <translation>&lt;b&gt;k = %1：这里仍是单峰。&lt;/b&gt;把 xₜ 拖到两峰之间，或增大 k，观察后验分布分裂。</translation>
    </message>
</context>
<context>
    <name>ds::ui::PosteriorView2D</name>
    <message>
        <location filename="../../ui/lessons/mixture2d/posteriorview2d.cpp" line="+39"/>
        <source>The exact reverse posterior q(xₜ₋ₖ | xₜ): where the chain was k steps before the clicked xₜ.</source>
        <translation>精确的逆向后验分布 q(xₜ₋ₖ | xₜ)：链在点击的 xₜ 之前 k 步时所在的位置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>q(xₜ₋ₖ | xₜ): click the plane</source>
        <translation>q(xₜ₋ₖ | xₜ)：点击平面</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₁ at step t−k</source>
        <translation>第 t−k 步的 x₁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₂ at step t−k</source>
        <translation>第 t−k 步的 x₂</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>clicked xₜ</source>
        <translation>点击的 xₜ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>learned εθ&apos;s step, 2σ</source>
        <translation>学习的 εθ 的步，2σ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>perfect model&apos;s step, 2σ</source>
        <translation>完美模型的步，2σ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>jump k = </source>
        <translation>跳跃 k = </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Jump size k: compare where the chain was one step earlier (k = 1: a small round Gaussian) with where it was many steps earlier (big k: several modes).</source>
        <translation>跳跃大小 k：比较链在前一步的位置（k = 1：一个小而圆的高斯）与许多步之前的位置（k 大：多个峰）。</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Click on the plane to pick xₜ.</source>
        <translation>点击平面以选取 xₜ。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>t = 0: x₀ is data, there is no step to undo. Move t forward.</source>
        <translation>t = 0：x₀ 就是数据，没有需要还原的步。请把 t 向前移动。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Computing the posterior…</source>
        <translation>正在计算后验分布…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>q(xₜ₋ₖ | xₜ)</source>
        <translation>q(xₜ₋ₖ | xₜ)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>q(xₜ₋ₖ | xₜ), k = %1</source>
        <translation>q(xₜ₋ₖ | xₜ)，k = %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&lt;b&gt;Big jump: %1 modes.&lt;/b&gt; From xₜ we cannot tell which cluster the chain came from; one Gaussian step cannot represent this.</source>
        <translation>&lt;b&gt;大跳跃：%1 个峰。&lt;/b&gt;仅凭 xₜ 无法判断链来自哪个簇；一个高斯步无法表示这种情况。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;Small step: one round blob, ≈ Gaussian.&lt;/b&gt; Note the zoomed axes: xₜ₋₁ is pinned down close to xₜ.</source>
        <translation>&lt;b&gt;小步：一个圆形的团，≈ 高斯。&lt;/b&gt;注意坐标轴已放大：xₜ₋₁ 被锁定在 xₜ 附近。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> The learned step&apos;s mean is %1 σ from the perfect one.</source>
        <translation> 学习到的步的均值与完美模型相差 %1 σ。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Unimodal here.&lt;/b&gt; Raise k or click between clusters to see the posterior split.</source>
        <translation>&lt;b&gt;这里是单峰。&lt;/b&gt;增大 k 或点击簇之间，观察后验分布分裂。</translation>
    </message>
</context>
<context>
    <name>ds::ui::Recovery</name>
    <message>
        <location filename="../../ui/recovery.cpp" line="+49"/>
        <source>Autosave failed (your work is still open here; save it to keep it): %1</source>
        <translation>自动保存失败（你的工作仍在此打开；请保存以保留它）：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&lt;b&gt;%1&lt;/b&gt; (autosaved %2): %3</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;（自动保存于 %2）：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Diffusion Studio did not close normally last time. This work was autosaved:&lt;br&gt;%1&lt;br&gt;Restore puts it back into the lessons; Discard deletes it.</source>
        <translation>Diffusion Studio 上次没有正常关闭。以下工作已自动保存：&lt;br&gt;%1&lt;br&gt;“恢复”会把它放回各课中；“丢弃”会删除它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+60"/>
        <source>Discard</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>The autosaved work was deleted.</source>
        <translation>自动保存的工作已删除。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Restored %1</source>
        <translation>已恢复 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Some autosaved work could not be restored:&lt;br&gt;%1&lt;br&gt;It is kept in %2.</source>
        <translation>部分自动保存的工作无法恢复：&lt;br&gt;%1&lt;br&gt;它保存在 %2 中。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&lt;b&gt;Diffusion Studio stopped unexpectedly.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Diffusion Studio 意外停止。&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Diffusion Studio stopped unexpectedly:&lt;/b&gt; %1.</source>
        <translation>&lt;b&gt;Diffusion Studio 意外停止：&lt;/b&gt;%1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A crash report was written to %1.</source>
        <translation>崩溃报告已写入 %1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(%1 reports since the last start; this is the newest.)</source>
        <translation>（自上次启动以来共 %1 份报告；这是最新的一份。）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please attach it when you report the problem.</source>
        <translation>报告问题时请附上它。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save before closing?</source>
        <translation>关闭前保存？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closing without saving loses it: after a normal close nothing is kept for the next start.</source>
        <translation>不保存就关闭会丢失它：正常关闭后，下次启动时不会保留任何内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
</context>
<context>
    <name>ds::ui::SamplerSettingsBox</name>
    <message>
        <location filename="../../ui/lessons/images/imagescontrols.cpp" line="-141"/>
        <source>None (conditional)</source>
        <translation>无（条件模型）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classifier-free</source>
        <translation>无分类器引导</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classifier</source>
        <translation>分类器引导</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unconditional (no class)</source>
        <translation>无条件（无类别）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None: the model given the class, ε(x, y).
Classifier-free: ε(x, ∅) + w·(ε(x, y) − ε(x, ∅)); w = 1 is the conditional model, w &gt; 1 sharpens the class.
Classifier: the unconditional model pushed by s·∇log p(y | xₜ) of a noisy classifier.
Unconditional: the null label, any class.</source>
        <translation>无：给定类别的模型 ε(x, y)。
无分类器引导：ε(x, ∅) + w·(ε(x, y) − ε(x, ∅))；w = 1 即条件模型，w &gt; 1 使类别特征更鲜明。
分类器引导：无条件模型，由噪声分类器的 s·∇log p(y | xₜ) 推动。
无条件：空标签，任意类别。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Guidance scale: w for classifier-free guidance, s for classifier guidance.</source>
        <translation>引导强度：无分类器引导用 w，分类器引导用 s。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>DDIM</source>
        <translation>DDIM</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDPM (all T steps)</source>
        <translation>DDPM（全部 T 步）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDIM takes a few large deterministic steps; DDPM takes all T ancestral steps (slow).</source>
        <translation>DDIM 走几个确定性的大步；DDPM 走全部 T 个祖先采样步（较慢）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DDIM steps</source>
        <translation>DDIM 步数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>DDIM η: 0 is deterministic, 1 adds as much noise per step as DDPM.</source>
        <translation>DDIM η：0 为确定性，1 在每步加入与 DDPM 一样多的噪声。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guidance</source>
        <translation>引导</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scale</source>
        <translation>强度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>η</source>
        <translation>η</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScoreControls</name>
    <message>
        <location filename="../../ui/lessons/likelihood/scorecontrols.cpp" line="+45"/>
        <source>Langevin dynamics</source>
        <translation>朗之万动力学</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At the timeline&apos;s t</source>
        <translation>在时间轴的 t 处</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annealed, T → 1</source>
        <translation>退火，T → 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At the timeline&apos;s t: Langevin dynamics x ← x + δ∇log q(xₜ) + √(2δ) z with the score of one level; the particles settle into q(xₜ). Annealed (Song &amp; Ermon 2019): the same updates at levels from T down to 1, each level starting where the last one ended; the particles end near the data.</source>
        <translation>在时间轴的 t 处：朗之万动力学 x ← x + δ∇log q(xₜ) + √(2δ) z，使用单一噪声水平的分数；粒子最终分布为 q(xₜ)。退火（Song 与 Ermon，2019）：从 T 到 1 的各个水平上做同样的更新，每个水平从上一个水平结束处开始；粒子最终落在数据附近。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number of particles.</source>
        <translation>粒子数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Langevin updates at each level (at the one level of the fixed-t mode).</source>
        <translation>每个水平上的朗之万更新次数（固定 t 模式下只有一个水平）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signal-to-noise ratio r</source>
        <translation>信噪比 r</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed δ</source>
        <translation>固定 δ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SNR rule (Song et al. 2021, Alg. 5): δ = 2αₜ (r‖z‖/‖∇log q‖)², so the noise is r times the drift at every level. Fixed: the same δ everywhere (too large a δ for a narrow q(xₜ) diverges).</source>
        <translation>信噪比规则（Song 等，2021，算法 5）：δ = 2αₜ (r‖z‖/‖∇log q‖)²，使每个水平上的噪声都是漂移的 r 倍。固定：处处使用同一个 δ（对窄的 q(xₜ) 来说 δ 太大会发散）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>r: the signal-to-noise ratio of each update.</source>
        <translation>r：每次更新的信噪比。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>δ: the step size (in x units²).</source>
        <translation>δ：步长（单位为 x 的平方）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Annealed: the number of levels, evenly spaced from T down to 1.</source>
        <translation>退火：水平的个数，从 T 到 1 均匀分布。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final denoising step</source>
        <translation>最后一步去噪</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Annealed: after the last level, replace x by x̂₀ = (x − √(1−ᾱₜ) ε̂)/√ᾱₜ (Tweedie&apos;s formula).</source>
        <translation>退火：最后一个水平之后，用 x̂₀ = (x − √(1−ᾱₜ) ε̂)/√ᾱₜ 替换 x（Tweedie 公式）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>x ~ N(0, I)</source>
        <translation>x ~ N(0, I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One point (click the plot)</source>
        <translation>一个点（点击图）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the particles start. Clicking the plot chooses the point.</source>
        <translation>粒子从哪里出发。点击图选择出发点。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random seed: the same seed gives the same run.</source>
        <translation>随机种子：相同的种子得到相同的运行结果。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Particles</source>
        <translation>粒子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updates per level</source>
        <translation>每个水平的更新次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step size</source>
        <translation>步长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>r</source>
        <translation>r</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>δ</source>
        <translation>δ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Levels</source>
        <translation>水平数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start</source>
        <translation>出发点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>x = %1</source>
        <translation>x = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(x₁, x₂) = (%1, %2)</source>
        <translation>(x₁, x₂) = (%1, %2)</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScoreCurveView</name>
    <message>
        <location filename="../../ui/lessons/likelihood/scoreviews.cpp" line="+242"/>
        <source>A histogram of the Langevin particles over the exact density q(xₜ) (left axis) and the score ∇log q(xₜ) (right axis): the particles drift where the score is positive to the right, negative to the left. Click to choose a start point.</source>
        <translation>朗之万粒子的直方图，叠加在精确密度 q(xₜ)（左轴）和分数 ∇log q(xₜ)（右轴）上：分数为正处粒子向右漂移，为负处向左。点击选择出发点。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>xₜ</source>
        <translation>xₜ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>score ∇log q(xₜ)</source>
        <translation>分数 ∇log q(xₜ)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Langevin particles (histogram)</source>
        <translation>朗之万粒子（直方图）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>exact q(xₜ)</source>
        <translation>精确 q(xₜ)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>exact score</source>
        <translation>精确分数</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+45"/>
        <source>score −ε̂/√(1−ᾱₜ)</source>
        <translation>分数 −ε̂/√(1−ᾱₜ)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>learned score −εθ/√(1−ᾱₜ)</source>
        <translation>学习到的分数 −εθ/√(1−ᾱₜ)</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScorePage</name>
    <message>
        <location filename="../../ui/lessons/likelihood/scorepage.cpp" line="+86"/>
        <source>Score &amp; Langevin</source>
        <translation>分数与朗之万动力学</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+178"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location line="-175"/>
        <source>Animate the recorded Langevin updates (again from the start when at the end).</source>
        <translation>播放记录下来的朗之万更新（在末尾时从头开始）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the next recorded update.</source>
        <translation>显示下一次记录的更新。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the particles&apos; start.</source>
        <translation>回到粒子的出发状态。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The recorded update shown.</source>
        <translation>显示的记录更新。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> frames/s</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Animation speed: recorded frames per second.</source>
        <translation>动画速度：每秒播放的记录帧数。</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Score field</source>
        <translation>分数场</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Langevin dynamics</source>
        <translation>朗之万动力学</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+39"/>
        <source>Computing the Langevin run…</source>
        <translation>正在计算朗之万运行…</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Final denoising step: x̂₀ = (x − √(1−ᾱₜ) ε̂)/√ᾱₜ at t = %1</source>
        <translation>最后一步去噪：在 t = %1 处 x̂₀ = (x − √(1−ᾱₜ) ε̂)/√ᾱₜ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Level %1 / %2 (t = %3)</source>
        <translation>水平 %1 / %2（t = %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · update %1 / %2</source>
        <translation> · 更新 %1 / %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · δ = %1</source>
        <translation> · δ = %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> · the start: every particle at the chosen point</source>
        <translation> · 出发：所有粒子都在所选的点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> · the start: x ~ N(0, I)</source>
        <translation> · 出发：x ~ N(0, I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (a frame every %1 updates)</source>
        <translation>（每 %1 次更新一帧）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> · shown at t = 1 (Langevin needs t ≥ 1)</source>
        <translation> · 显示 t = 1 处（朗之万动力学需要 t ≥ 1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>At t = 0, q(x₀) has no noise and ε̂ no meaning: the page shows t = 1.</source>
        <translation>在 t = 0 处，q(x₀) 没有噪声，ε̂ 没有意义：本页显示 t = 1。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 to %2: %3 now, %4 at the end (exact sample of %5: %6)</source>
        <translation>%1 到 %2：当前 %3，结束时 %4（%5 个点的精确样本：%6）</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>the data q(x₀)</source>
        <translation>数据 q(x₀)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>q(xₜ) at t = %1</source>
        <translation>t = %1 时的 q(xₜ)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>KS distance</source>
        <translation>KS 距离</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sliced W₂</source>
        <translation>切片 W₂</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Computing the Langevin run: %1 %</source>
        <translation>正在计算朗之万运行：%1 %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Computing the score field…</source>
        <translation>正在计算分数场…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 denoiser evaluations.</source>
        <translation>%1 次去噪器求值。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No particles yet: the Langevin run is still being computed.</source>
        <translation>还没有粒子：朗之万运行仍在计算。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/likelihood/scorepage.h" line="+39"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScorePlaneView</name>
    <message>
        <location filename="../../ui/lessons/likelihood/scoreviews.cpp" line="-197"/>
        <source>Langevin particles (dots) moving in the score field ∇log q(xₜ) (arrows) over the exact density q(xₜ) (colour). Click to choose a start point for the particles.</source>
        <translation>朗之万粒子（点）在分数场 ∇log q(xₜ)（箭头）中移动，背景为精确密度 q(xₜ)（颜色）。点击为粒子选择出发点。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>exact q(xₜ)</source>
        <translation>精确 q(xₜ)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+59"/>
        <source>score ∇log q(xₜ)</source>
        <translation>分数 ∇log q(xₜ)</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>exact score</source>
        <translation>精确分数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Langevin particles</source>
        <translation>朗之万粒子</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>start point</source>
        <translation>出发点</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>learned score −εθ/√(1−ᾱₜ)</source>
        <translation>学习到的分数 −εθ/√(1−ᾱₜ)</translation>
    </message>
</context>
<context>
    <name>ds::ui::ScoreViewBase</name>
    <message>
        <location line="-110"/>
        <source>Score and Langevin particles (computing…)</source>
        <translation>分数与朗之万粒子（正在计算…）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x̂₀ after the final denoising step, over the data density q(x₀)</source>
        <translation>最后一步去噪后的 x̂₀，背景为数据密度 q(x₀)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>t = %1: the score ∇log q(xₜ) (particles: computing…)</source>
        <translation>t = %1：分数 ∇log q(xₜ)（粒子：正在计算…）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Score at t = %1, particles still at t = %2 (computing…)</source>
        <translation>t = %1 处的分数，粒子仍在 t = %2（正在计算…）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>t = %1: Langevin in the score field</source>
        <translation>t = %1：分数场中的朗之万动力学</translation>
    </message>
</context>
<context>
    <name>ds::ui::StepsChart</name>
    <message>
        <location filename="../../ui/lessons/likelihood/stepschart.cpp" line="+22"/>
        <source>DDPM (respaced)</source>
        <translation>DDPM（重新间隔）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DDIM (η = 0)</source>
        <translation>DDIM（η = 0）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ODE (Heun)</source>
        <translation>ODE（Heun）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PC (DDPM + Langevin)</source>
        <translation>PC（DDPM + 朗之万）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Sample quality against sampling steps S</source>
        <translation>样本质量与采样步数 S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sampling steps S (log scale)</source>
        <translation>采样步数 S（对数刻度）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distance to the data</source>
        <translation>到数据的距离</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>floor: an exact sample</source>
        <translation>下限：一个精确样本</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>sliced W2</source>
        <translation>切片 W2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to the data against steps S (T = %2, n = %3)</source>
        <translation>%1（到数据）与步数 S（T = %2，n = %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kolmogorov–Smirnov (KS) distance</source>
        <translation>Kolmogorov–Smirnov（KS）距离</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sliced Wasserstein-2 (W2) distance</source>
        <translation>切片 Wasserstein-2（W2）距离</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>KS distance</source>
        <translation>KS 距离</translation>
    </message>
</context>
<context>
    <name>ds::ui::StepsPage</name>
    <message>
        <location filename="../../ui/lessons/likelihood/stepsjobs.cpp" line="+33"/>
        <source>“%1” is not a step count (a whole number ≥ 1).</source>
        <translation>“%1”不是步数（≥ 1 的整数）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>List at least one step count S, e.g. 5, 20, 100.</source>
        <translation>请至少列出一个步数 S，例如 5, 20, 100。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>At most %1 step counts.</source>
        <translation>最多 %1 个步数。</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/likelihood/stepspage.cpp" line="+48"/>
        <source>sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>evals</source>
        <translation>求值次数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>evals: denoiser evaluations per sample path (the ODE&apos;s Heun takes two per step, PC one per corrector step more). ms: wall time of the whole run of n samples, in milliseconds.</source>
        <translation>求值次数：每条采样路径的去噪器求值次数（ODE 的 Heun 法每步两次，PC 每个校正步多一次）。毫秒：n 个样本整次运行的实际耗时。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sampling with every sampler and S…</source>
        <translation>正在用每个采样器和每个 S 采样…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled. Press Compute to run again.</source>
        <translation>已取消。按“计算”重新运行。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps vs quality: %1</source>
        <translation>步数与质量：%1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Samplers</source>
        <translation>采样器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The numbers of sampling steps S to try, e.g. 5, 10, 20, 50 (values above T are left out).</source>
        <translation>要尝试的采样步数 S，例如 5, 10, 20, 50（大于 T 的值会被略去）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps S</source>
        <translation>步数 S</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Samples per sampler and S; the distance&apos;s noise shrinks like 1/√n.</source>
        <translation>每个采样器和每个 S 的样本数；距离的噪声按 1/√n 缩小。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples n</source>
        <translation>样本数 n</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PC corrector steps</source>
        <translation>PC 校正步数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PC: the Langevin corrector&apos;s signal-to-noise ratio (Song et al. 2021).</source>
        <translation>PC：朗之万校正器的信噪比（Song 等，2021）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PC SNR</source>
        <translation>PC 信噪比</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Choose at least one sampler.</source>
        <translation>请至少选择一个采样器。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Steps against quality</source>
        <translation>步数与质量</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Floor (an exact sample of n = %1): %2.</source>
        <translation>下限（n = %1 的精确样本）：%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S above T = %1 left out: %2.</source>
        <translation>略去了大于 T = %1 的 S：%2。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All samplers use the mixture&apos;s exact denoiser E[ε | xₜ], by design: the lines differ only by how each sampler discretises the reverse process.</source>
        <translation>所有采样器都刻意使用混合分布的精确去噪器 E[ε | xₜ]：各条曲线的差别只在于每个采样器如何离散化逆向过程。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The lesson&apos;s learned model (%1) is not used on this page.</source>
        <translation>本页不使用本课学习到的模型（%1）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>There is no steps-against-quality table yet: press Compute first.</source>
        <translation>还没有步数与质量的表格：请先按“计算”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>“%1” must list samplers among ddpm, ddim, ode, pc (at least one, each once).</source>
        <translation>“%1”必须列出 ddpm、ddim、ode、pc 中的采样器（至少一个，每个最多一次）。</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/likelihood/stepspage.h" line="+37"/>
        <source>Steps vs quality</source>
        <translation>步数与质量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>ds::ui::StudioApplication</name>
    <message>
        <location filename="../../ui/studioapplication.cpp" line="+18"/>
        <source>an unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>ds::ui::Timeline</name>
    <message>
        <location filename="../../ui/timeline.cpp" line="+123"/>
        <source>Play / Pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Play or pause: t moves by itself at the chosen speed, in the chosen direction</source>
        <translation>播放或暂停：t 按所选速度、沿所选方向自动移动</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Go to t = 0</source>
        <translation>转到 t = 0</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jump to t = 0: the clean data x₀</source>
        <translation>跳到 t = 0：干净的数据 x₀</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back 10 steps</source>
        <translation>后退 10 步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>t − 10</source>
        <translation>t − 10</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back 1 step</source>
        <translation>后退 1 步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>t − 1: one step towards the data</source>
        <translation>t − 1：向数据方向走一步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forward 1 step</source>
        <translation>前进 1 步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>t + 1: one step towards pure noise</source>
        <translation>t + 1：向纯噪声方向走一步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Forward 10 steps</source>
        <translation>前进 10 步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>t + 10</source>
        <translation>t + 10</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to t = T</source>
        <translation>转到 t = T</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jump to t = T: x_T is (almost) pure Gaussian noise N(0, I)</source>
        <translation>跳到 t = T：x_T（几乎）是纯高斯噪声 N(0, I)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>q: noising →</source>
        <translation>q：加噪 →</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Forward process q(x_t | x_{t-1}), noising: noise is added step by step, so playing moves t up, 0 → T</source>
        <translation>前向过程 q(x_t | x_{t-1})，加噪：逐步加入噪声，因此播放时 t 增大，0 → T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>← p: denoising</source>
        <translation>← p：去噪</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reverse process p(x_{t-1} | x_t), denoising: noise is removed step by step, so playing moves t down, T → 0</source>
        <translation>逆向过程 p(x_{t-1} | x_t)，去噪：逐步去除噪声，因此播放时 t 减小，T → 0</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Timestep t: 0 is the data x₀, T is (almost) pure noise x_T ~ N(0, I). Drag to scrub; the views show the cached chain at this t.</source>
        <translation>时间步 t：0 是数据 x₀，T 是（几乎）纯噪声 x_T ~ N(0, I)。拖动以浏览；各视图显示该 t 处缓存的链。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Timestep t</source>
        <translation>时间步 t</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The current timestep t out of T steps of the chain</source>
        <translation>当前时间步 t（链共 T 步）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+81"/>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Playing speed: how many timesteps t advances per second</source>
        <translation>播放速度：每秒前进多少个时间步 t</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When playing reaches the end of the chain (T, or 0 in reverse), start again</source>
        <translation>播放到链的末端（T，逆向时为 0）时重新开始</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>β_t: variance of the noise added at step t, q(x_t | x_{t-1}) = N(√(1−β_t) x_{t-1}, β_t I)</source>
        <translation>β_t：第 t 步加入的噪声的方差，q(x_t | x_{t-1}) = N(√(1−β_t) x_{t-1}, β_t I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ᾱ_t = ∏_{s≤t} (1−β_s): how much of the data survives to step t, q(x_t | x_0) = N(√ᾱ_t x_0, (1−ᾱ_t) I)</source>
        <translation>ᾱ_t = ∏_{s≤t} (1−β_s)：数据有多少保留到第 t 步，q(x_t | x_0) = N(√ᾱ_t x_0, (1−ᾱ_t) I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signal-to-noise ratio SNR(t) = ᾱ_t / (1−ᾱ_t): signal power over noise power at step t</source>
        <translation>信噪比 SNR(t) = ᾱ_t / (1−ᾱ_t)：第 t 步的信号功率与噪声功率之比</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>/s</source>
        <translation>/秒</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
</context>
<context>
    <name>ds::ui::TrainDocument</name>
    <message>
        <location filename="../../ui/lessons/train/traindocument.cpp" line="+78"/>
        <source>drawn points</source>
        <translation>绘制的点</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CSV points</source>
        <translation>CSV 点</translation>
    </message>
</context>
<context>
    <name>ds::ui::TrainDrawing</name>
    <message>
        <location filename="../../ui/lessons/train/traindrawing.cpp" line="+48"/>
        <source>Clear drawing</source>
        <translation>清除绘图</translation>
    </message>
</context>
<context>
    <name>ds::ui::TrainLossView</name>
    <message>
        <location filename="../../ui/lessons/train/trainlossview.cpp" line="+26"/>
        <source>Training loss per step. L_simple = E‖ε − ε_θ(xₜ, t)‖² (Ho et al. 2020, eq. 14); the bands are the same ε-MSE split by t: near t = 1 the noise is tiny and hard to predict, near t = T xₜ is almost all noise and ε is easy.</source>
        <translation>每步的训练损失。L_simple = E‖ε − ε_θ(xₜ, t)‖²（Ho 等，2020，式 14）；各分段曲线是按 t 拆分的同一 ε-MSE：t 接近 1 时噪声很小，难以预测；t 接近 T 时 xₜ 几乎全是噪声，ε 很容易预测。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training step</source>
        <translation>训练步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss (ε-MSE)</source>
        <translation>损失 (ε-MSE)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>t ∈ %1…%2</source>
        <translation>t ∈ %1…%2</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Loss: %1</source>
        <translation>损失：%1</translation>
    </message>
</context>
<context>
    <name>ds::ui::TrainPlane</name>
    <message>
        <location filename="../../ui/lessons/train/trainplane.cpp" line="+49"/>
        <source>Data and samples</source>
        <translation>数据与样本</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>data x₀</source>
        <translation>数据 x₀</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+7"/>
        <source>model samples</source>
        <translation>模型样本</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>density (histogram)</source>
        <translation>密度（直方图）</translation>
    </message>
</context>
<context>
    <name>ds::ui::VlbPage</name>
    <message>
        <location filename="../../ui/lessons/likelihood/vlbpage.cpp" line="+116"/>
        <location filename="../../ui/lessons/likelihood/vlbpage.h" line="+48"/>
        <source>VLB per t</source>
        <translation>逐 t 的 VLB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bound −log p(x₀) ≤ L₀ + Σ Lₜ₋₁ + L_T, averaged over N points drawn from the data, every t summed exactly.</source>
        <translation>下界 −log p(x₀) ≤ L₀ + Σ Lₜ₋₁ + L_T，在从数据中抽取的 N 个点上取平均，每个 t 都精确求和。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>N: data points x₀ the bound is averaged over (each costs T denoiser evaluations).</source>
        <translation>N：对其取下界平均的数据点 x₀ 个数（每个点需要 T 次去噪器求值）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>large: σₜ² = βₜ</source>
        <translation>大：σₜ² = βₜ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>small: σₜ² = β̃ₜ</source>
        <translation>小：σₜ² = β̃ₜ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The fixed variance σₜ² of the reverse step p(xₜ₋₁ | xₜ) (Ho et al. 2020 use either). It sets each term&apos;s weight λₜ and the decoder&apos;s width.</source>
        <translation>逆向步 p(xₜ₋₁ | xₜ) 的固定方差 σₜ²（Ho 等，2020 两种都用）。它决定每一项的权重 λₜ 和解码器的宽度。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Random seed of the points and of the xₜ drawn for each term.</source>
        <translation>数据点以及每一项所抽取的 xₜ 的随机种子。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New points</source>
        <translation>新的点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw fresh points and noise (next seed): how much does the bound move?</source>
        <translation>抽取新的点和噪声（下一个种子）：下界会变动多少？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Points N</source>
        <translation>点数 N</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variance</source>
        <translation>方差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop computing the bound (the last result stays).</source>
        <translation>停止计算下界（保留上一次的结果）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled: change a setting or show the page again to compute the bound.</source>
        <translation>已取消：更改设置或重新显示本页即可计算下界。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The weight of ‖ε − ε̂‖² in each term: λₜ in the VLB, 1 in L_simple.</source>
        <translation>每一项中 ‖ε − ε̂‖² 的权重：变分下界中为 λₜ，L_simple 中为 1。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>k of term Lₖ</source>
        <translation>项 Lₖ 的 k</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The terms of the bound in nats on a log scale: Lₖ for k = 1…T−1 belongs to the reverse step xₖ₊₁ → xₖ, L₀ is the decoder and L_T the prior.</source>
        <translation>下界各项（奈特，对数刻度）：k = 1…T−1 的 Lₖ 属于逆向步 xₖ₊₁ → xₖ，L₀ 是解码器，L_T 是先验。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The weight of ‖ε − ε̂‖² in each term, on a log scale: λₜ in the VLB, 1 in L_simple.</source>
        <translation>每一项中 ‖ε − ε̂‖² 的权重（对数刻度）：变分下界中为 λₜ，L_simple 中为 1。</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>|L₀|</source>
        <translation>|L₀|</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>L₀</source>
        <translation>L₀</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lₜ₋₁: a KL per step</source>
        <translation>Lₜ₋₁：每步一个 KL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L₀ = −log p(x₀ | x₁) = %1 &lt; 0: a log-density, not a KL; the bar shows |L₀|.</source>
        <translation>L₀ = −log p(x₀ | x₁) = %1 &lt; 0：它是对数密度而不是 KL；柱子显示 |L₀|。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L₀ = −log p(x₀ | x₁) = %1 nats: the decoder.</source>
        <translation>L₀ = −log p(x₀ | x₁) = %1 奈特：解码器。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&lt;b&gt;VLB %1 nats %2 exact NLL %3 nats&lt;/b&gt;</source>
        <translation>&lt;b&gt;变分下界 %1 奈特 %2 精确负对数似然 %3 奈特&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>learned ε_θ: %1</source>
        <translation>学习到的 ε_θ：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gap %1 ± %2: a rare draw, try more points</source>
        <translation>差距 %1 ± %2：少见的抽样结果，请增加点数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gap %1 ± %2 · %3 vs %4 bits/dim</source>
        <translation>差距 %1 ± %2 · %3 对 %4 比特/维</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>VLB per point = L₀ %1 + Σ Lₜ₋₁ %2 + L_T %3 nats; %4 vs %5 bits/dim; %6 points, %7, %8.</source>
        <translation>每点变分下界 = L₀ %1 + Σ Lₜ₋₁ %2 + L_T %3 奈特；%4 对 %5 比特/维；%6 个点，%7，%8。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The bound lies above the NLL by more than twice its sampling error.</source>
        <translation>下界比负对数似然高出其抽样误差的两倍以上。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>t = 0: the data; L_T = %1 nats (the prior)</source>
        <translation>t = 0：数据；L_T = %1 奈特（先验）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L_T = KL(q(x_T | x₀) ‖ N(0, I)): no parameters.</source>
        <translation>L_T = KL(q(x_T | x₀) ‖ N(0, I))：没有参数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>t = 1: L₀ = %1 nats, λ₁ = %2</source>
        <translation>t = 1：L₀ = %1 奈特，λ₁ = %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>L₀ = −log p(x₀ | x₁), the decoder; its weight λ₁ (L_simple: 1).</source>
        <translation>L₀ = −log p(x₀ | x₁)，即解码器；其权重为 λ₁（L_simple：1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>t = %1: L%2 = %3 nats, λ%4 = %5</source>
        <translation>t = %1：L%2 = %3 奈特，λ%4 = %5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L%1 = KL(q(xₜ₋₁ | xₜ, x₀) ‖ p(xₜ₋₁ | xₜ)) at t = %2; its weight λ%3 (L_simple: 1).</source>
        <translation>t = %2 处 L%1 = KL(q(xₜ₋₁ | xₜ, x₀) ‖ p(xₜ₋₁ | xₜ))；其权重为 λ%3（L_simple：1）。</translation>
    </message>
    <message>
        <location line="-269"/>
        <source>the VLB&apos;s λₜ</source>
        <translation>VLB 的 λₜ</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+36"/>
        <source>L_simple: 1</source>
        <translation>L_simple：1</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>t</source>
        <translation>t</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>VLB: λₜ</source>
        <translation>VLB：λₜ</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The bound is computed when this page is shown.</source>
        <translation>显示本页时计算下界。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Variational bound</source>
        <translation>变分下界</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;span style=&apos;color:#b00&apos;&gt;Could not compute the bound: %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b00&apos;&gt;无法计算下界：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 points × T = %2, %3: %p%</source>
        <translation>%1 个点 × T = %2，%3：%p%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computing the bound of %1 points × T = %2 terms with the %3…</source>
        <translation>正在用%3计算 %1 个点 × T = %2 项的下界…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>L_T: prior</source>
        <translation>L_T：先验</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>learned ε_θ against the data&apos;s exact NLL</source>
        <translation>学习到的 ε_θ，与数据的精确负对数似然比较</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>exact denoiser</source>
        <translation>精确去噪器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>σₜ² = βₜ</source>
        <translation>σₜ² = βₜ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>σₜ² = β̃ₜ</source>
        <translation>σₜ² = β̃ₜ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The gap is within sampling error: the bound is tight here.</source>
        <translation>差距在抽样误差之内：这里的下界是紧的。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Below the NLL by more than twice its error: a rare draw (the bound holds on average); try more points.</source>
        <translation>比负对数似然低了两倍以上的误差：少见的抽样结果（下界在平均意义上成立）；请试试更多的点。</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>No bound yet: it is still being computed.</source>
        <translation>还没有下界：仍在计算。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+14"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/lessons/likelihood/vlbpage.h" line="+1"/>
        <source>VLB</source>
        <translation>变分下界</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../../app/studio/main.cpp" line="+143"/>
        <source>Open Lesson</source>
        <translation>打开课</translation>
    </message>
</context>
</TS>
