#pragma once
// One function per subcommand: it adds the subcommand, its options and the callback that runs
// it. main.cpp calls them in order; a new subcommand is a new cmd_*.cpp plus one line there.
// Callbacks throw UsageError for bad arguments and std::exception for failures; main maps
// those to exit codes.

namespace CLI {
class App;
}

namespace dscli {

void addScheduleCommand(CLI::App& app);
void addPosteriorCommand(CLI::App& app);
void addSampleCommand(CLI::App& app);
void addChainCommand(CLI::App& app);
void addTrainCommand(CLI::App& app);         // cmd_train.cpp; also registers the --model loader
void addImageCommands(CLI::App& app);        // cmd_images.cpp: train-images, train-classifier, sample-images
void addEvalImagesCommand(CLI::App& app);    // cmd_eval_images.cpp: eval-images
void addInpaintCommand(CLI::App& app);       // cmd_inpaint.cpp: inpaint
void addEvalInpaintCommand(CLI::App& app);   // cmd_eval_inpaint.cpp: eval-inpaint
void addStepsQualityCommand(CLI::App& app);  // cmd_stepsquality.cpp: steps-quality
void addNllCommand(CLI::App& app);           // cmd_nll.cpp: nll (exact, VLB, ODE)
void addVlbCommand(CLI::App& app);           // cmd_vlb.cpp: vlb (the bound term by term)

}  // namespace dscli
