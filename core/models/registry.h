#pragma once
// Finds model files by name (DESIGN.md "Bundled models"): `fashion-mnist` means
// resources/models/fashion-mnist.unet, `fashion-mnist-classifier` means
// resources/models/fashion-mnist-classifier.classifier, and so on. Searched in order:
//   1. the text itself, when it names an existing file (a path always works);
//   2. $DS_MODELS_DIR, when set;
//   3. the installed data folder next to the program: <exe>/../share/diffusion-studio/models;
//   4. the source tree's resources/models (for programs run from a build folder).
// In each folder NAME, NAME.unet, NAME.classifier and NAME.ckpt are tried.

#include <stdexcept>
#include <string>
#include <vector>

namespace ds {

class ModelNotFound : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The folders searched for bundled models, in order (existing or not).
std::vector<std::string> modelSearchFolders();
// The file for a name or path; ModelNotFound lists the folders searched.
std::string resolveModelPath(const std::string& nameOrPath);

}  // namespace ds
