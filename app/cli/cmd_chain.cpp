// diffusion-cli chain: recorded forward (noising) or reverse (DDPM) chains of N particles,
// the data the GUI's timeline scrubs through.

#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "app/cli/progress_printer.h"
#include "app/cli/sampling_options.h"

#include "core/forward.h"
#include "core/runtime/rng.h"

#include <ATen/ATen.h>

#include <memory>

namespace dscli {
namespace {

constexpr long long kMaxParticles = 10'000'000;

struct ChainOptions {
  SourceOptions source;
  SamplerOptions sampler;
  std::string direction;
  long long n = 0;
  int stride = 0;
  std::uint64_t seed = 0;
  std::string format;
  std::string out;
};

ds::Trajectory runForward(const ChainOptions& o, const DenoiserSource& source, const ds::GaussianMixture& data,
                          const c10::Device& device) {
  for (auto* opt : {o.sampler.samplerOpt, o.sampler.samplingStepsOpt, o.sampler.etaOpt, o.sampler.varianceOpt}) {
    if (opt->count()) throw UsageError(opt->get_name(), "only applies to --direction reverse");
  }
  // x_0 and the chain's noise come from two different streams of the one seed.
  at::Generator gen = ds::makeGenerator(o.seed, device);
  const at::Tensor x0 = data.sample(o.n, gen, device);
  ds::CancelToken cancel;
  InterruptGuard guard(cancel);
  ProgressPrinter printer("chain (forward, " + device.str() + ")", globalOptions().quiet);
  ds::Trajectory traj =
      ds::recordForwardChain(*source.schedule, x0, o.stride, deriveSeed(o.seed, 1), printer.callback(), cancel);
  printer.finish();
  return traj;
}

void runChain(const ChainOptions& o) {
  requireInRange("--n", o.n, 1, kMaxParticles);
  if (o.direction == "forward" && !o.source.model.empty()) {
    throw UsageError("--model", "a forward chain noises data: give --gmm SPEC (a model is used only in reverse)");
  }
  const c10::Device device = resolveDevice();
  const DenoiserSource source = makeSource(o.source, device);
  requireInRange("--stride", o.stride, 1, source.schedule->steps());
  Output out(o.out);

  ds::Trajectory traj;
  nlohmann::json meta = source.meta;
  meta["direction"] = o.direction;
  if (o.direction == "forward") {
    traj = runForward(o, source, parseGmm(o.source.gmm), device);
  } else {
    ds::SampleRequest request;
    applySamplerOptions(o.sampler, source.schedule->steps(), request);
    request.n = o.n;
    request.seed = o.seed;  // same seed as `sample`, so the chain ends where `sample` does
    request.recordStride = o.stride;
    request.sampleShape = source.sampleShape;
    request.device = device;
    traj = runSampler(source, request, "chain (reverse " + o.sampler.sampler + ", " + device.str() + ")");
    meta["sampler"] = o.sampler.sampler;
  }

  const auto dim = static_cast<int>(traj.x.front().reshape({o.n, -1}).size(1));
  const std::size_t rows = static_cast<std::size_t>(traj.size()) * static_cast<std::size_t>(o.n);
  Table table;
  auto& ct = table.addColumn("t", ColumnKind::Integer, rows);
  auto& ci = table.addColumn("i", ColumnKind::Integer, rows);
  std::vector<Column*> coords;
  for (const auto& name : coordinateNames(dim)) coords.push_back(&table.addColumn(name, ColumnKind::Float, rows));
  for (int k = 0; k < traj.size(); ++k) {
    for (long long i = 0; i < o.n; ++i) {
      ct.values.push_back(traj.t[k]);
      ci.values.push_back(static_cast<double>(i));
    }
    appendCoordinates(coords, traj.x[k].reshape({o.n, -1}));
  }
  meta["n"] = o.n;
  meta["stride"] = o.stride;
  meta["seed"] = o.seed;
  meta["device"] = device.str();
  writeTable(out, table, o.format, meta);
  out.commit();
}

}  // namespace

void addChainCommand(CLI::App& app) {
  auto opts = std::make_shared<ChainOptions>();
  auto* cmd = app.add_subcommand("chain", "Record forward or reverse chains of N particles");
  cmd->footer(
      "Columns: t,i,x[,y] - one row per recorded timestep t and particle i (0-based), in chain\n"
      "order: forward from t = 0 up to T, reverse from T down to 0. Steps are recorded every\n"
      "--stride steps, plus both ends. Reverse chains use the DDPM sampler unless --sampler says\n"
      "otherwise, and with the same --seed end where `sample` does. A reverse chain can also run\n"
      "a trained model (--model FILE, when available) instead of the exact mixture denoiser.\n"
      "Example: diffusion-cli chain --gmm '0.5:-2:0.4;0.5:2:0.4' --kind linear --steps 1000 \\\n"
      "           --direction forward --n 100 --stride 50 --seed 1");
  addSourceOptions(cmd, opts->source, /*allowModel=*/true);  // --model: reverse chains only
  cmd->add_option("--direction", opts->direction, "forward (noising q) or reverse (sampling p)")
      ->required()
      ->check(CLI::IsMember({"forward", "reverse"}))
      ->type_name("DIR");
  cmd->add_option("--n", opts->n, "Number of particles N >= 1")->required()->type_name("N");
  cmd->add_option("--stride", opts->stride, "Record every k-th step, 1..T")->required()->type_name("k");
  addSeedOption(cmd, opts->seed);
  addSamplerOptions(cmd, opts->sampler, /*samplerRequired=*/false);
  addFormatOption(cmd, opts->format);
  addOutOption(cmd, opts->out);
  cmd->callback([opts] { runChain(*opts); });
}

}  // namespace dscli
