// diffusion-cli sample: N samples from the reverse process (DDPM or DDIM) with the exact
// mixture denoiser (--gmm), or a trained model (--model, when a model loader is registered).

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "app/cli/sampling_options.h"

#include "core/runtime/device.h"

#include <ATen/ATen.h>

#include <memory>

namespace dscli {
namespace {

constexpr long long kMaxSamples = 100'000'000;

struct SampleOptions {
  SourceOptions source;
  SamplerOptions sampler;
  long long n = 0;
  std::uint64_t seed = 0;
  bool timing = false;
  std::string format;
  std::string out;
};

void runSample(const SampleOptions& o) {
  requireInRange("--n", o.n, 1, kMaxSamples);
  const c10::Device device = resolveDevice();
  const DenoiserSource source = makeSource(o.source, device);

  ds::SampleRequest request;
  applySamplerOptions(o.sampler, source.schedule->steps(), request);
  request.n = o.n;
  request.seed = o.seed;
  request.recordStride = 0;  // only x_T and x_0
  request.sampleShape = source.sampleShape;
  request.device = device;
  Output out(o.out);  // fail on a bad --out before the (possibly long) run

  const std::string label = "sample (" + o.sampler.sampler + ", " + device.str() + ")";
  const ds::Trajectory traj = runSampler(source, request, label, o.timing);

  const at::Tensor x = traj.final().reshape({o.n, -1});
  Table table;
  std::vector<Column*> cols;
  for (const auto& name : coordinateNames(static_cast<int>(x.size(1)))) {
    cols.push_back(&table.addColumn(name, ColumnKind::Float, o.n));
  }
  appendCoordinates(cols, x);

  nlohmann::json meta = source.meta;
  meta["sampler"] = o.sampler.sampler;
  if (request.kind == ds::SamplerKind::Ddim) {
    meta["sampling_steps"] = request.samplingSteps ? request.samplingSteps : source.schedule->steps();
    meta["eta"] = request.eta;
  } else {
    meta["variance"] = o.sampler.variance;
  }
  meta["n"] = o.n;
  meta["seed"] = o.seed;
  meta["device"] = device.str();
  writeTable(out, table, o.format, meta);
  out.commit();
}

}  // namespace

void addSampleCommand(CLI::App& app) {
  auto opts = std::make_shared<SampleOptions>();
  auto* cmd = app.add_subcommand("sample", "Draw N samples with the DDPM or DDIM reverse process");
  cmd->footer(
      "Columns: x (1-D data) or x,y (2-D data). The same --seed on the same --device gives the\n"
      "same output. Progress goes to standard error (--quiet silences it).\n"
      "Example: diffusion-cli sample --gmm '0.3:1,1:0.2;0.7:-1,0:0.5' --kind cosine --steps 200 \\\n"
      "           --sampler ddim --sampling-steps 50 --n 1000 --seed 7");
  addSourceOptions(cmd, opts->source, /*allowModel=*/true);
  addSamplerOptions(cmd, opts->sampler, /*samplerRequired=*/true);
  cmd->add_option("--n", opts->n, "Number of samples N >= 1")->required()->type_name("N");
  addSeedOption(cmd, opts->seed);
  cmd->add_flag("--timing", opts->timing, "Print the sampler's wall time on standard error")->group("");
  addFormatOption(cmd, opts->format);
  addOutOption(cmd, opts->out);
  cmd->callback([opts] { runSample(*opts); });
}

}  // namespace dscli
