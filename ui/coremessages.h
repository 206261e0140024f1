#pragma once
// Texts from core shown in the user's language. Core stays English (the CLI's language, and what a
// bug report quotes); the GUI translates at display time. A device name is rewritten whole
// ("CPU (2 threads)" → "CPU（2 个线程）"). A core error is not: the user reads a translated lead
// sentence that says what kind of thing went wrong (a model not found, a checkpoint refused, a data
// set missing, a mixture not understood), followed by core's English detail, which names the file,
// field or value. In English the detail alone is shown: it already says the same.

#include <QString>

#include <exception>

namespace ds::ui {

// core's describeDevice text in the user's language: "CPU (N threads)" translated, a GPU's name
// ("CUDA:0 NVIDIA H200") as it is.
QString deviceDisplayName(const QString& coreName);

// The message of an exception from core: for the error types users meet (ModelNotFound,
// CheckpointError, ImageCheckpointError, ResumeError, IdxError, PngError, FileReadError,
// AtomicWriteError, PresetError) a translated lead sentence, then what() in English.
QString coreErrorMessage(const std::exception& error);

// A mixture spec core refused (GaussianMixture::parse): the lead explains the weight:mean:std form.
QString mixtureErrorMessage(const QString& detail);

}  // namespace ds::ui
