#pragma once
// The Images lesson's control column: the real images of the forward chain (class, how many,
// which), the reverse chain's class, sample count and seed, one or two sampler/guidance settings
// (A and, to compare, B: same seed and the same starting noise x_T), the Sample button, the model
// in use and a status line. Every edit goes into the ImagesDocument; the controls show the
// document. Children are named (tests find them by objectName).

#include "core/eval/imagechains.h"

#include <QGroupBox>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class ImagesDocument;

// "T-shirt/top", "Trouser", …: the Fashion-MNIST class as the GUI shows it (translatable).
QString fashionClassName(int label);
// A short form for labels over 28-pixel pictures: "T-shirt", "Trouser", …, "Boot".
QString fashionClassShortName(int label);

// One sampler/guidance setting: guidance kind and scale, sampler, DDIM steps and η.
class SamplerSettingsBox : public QGroupBox {
  Q_OBJECT

 public:
  SamplerSettingsBox(const QString& title, const QString& namePrefix, QWidget* parent = nullptr);
  ImageSamplerSettings settings() const;
  void setSettings(const ImageSamplerSettings& settings);

  QComboBox* guidanceCombo() const { return m_guidance; }
  QDoubleSpinBox* scaleSpin() const { return m_scale; }
  QComboBox* samplerCombo() const { return m_sampler; }
  QSpinBox* stepsSpin() const { return m_steps; }

 Q_SIGNALS:
  void edited();

 private:
  void enableFields();

  QComboBox* m_guidance;
  QDoubleSpinBox* m_scale;
  QComboBox* m_sampler;
  QSpinBox* m_steps;
  QDoubleSpinBox* m_eta;
};

class ImagesControls : public QWidget {
  Q_OBJECT

 public:
  explicit ImagesControls(ImagesDocument* document, QWidget* parent = nullptr);

  void setStatus(const QString& html);
  void setModelInfo(const QString& html);
  QPushButton* sampleButton() const { return m_sample; }
  QPushButton* otherImagesButton() const { return m_otherImages; }
  SamplerSettingsBox* settingsA() const { return m_a; }
  SamplerSettingsBox* settingsB() const { return m_b; }
  QCheckBox* compareCheck() const { return m_compare; }

 Q_SIGNALS:
  void sampleRequested();

 private:
  QWidget* buildForwardBox();
  QWidget* buildReverseBox();
  void editForward();
  void editReverse();
  void showDocument();

  ImagesDocument* m_doc;
  QComboBox* m_forwardClass = nullptr;
  QSpinBox* m_forwardCount = nullptr;
  QSpinBox* m_forwardSeed = nullptr;
  QPushButton* m_otherImages = nullptr;
  QComboBox* m_class = nullptr;
  QSpinBox* m_samples = nullptr;
  QSpinBox* m_seed = nullptr;
  SamplerSettingsBox* m_a = nullptr;
  QCheckBox* m_compare = nullptr;
  SamplerSettingsBox* m_b = nullptr;
  QPushButton* m_sample = nullptr;
  QLabel* m_model = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace ds::ui
