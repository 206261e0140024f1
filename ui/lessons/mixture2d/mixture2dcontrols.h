#pragma once
// The 2-D lesson's control column: the data mixture (presets and a SPEC line with inline errors),
// the forward process and sampler, seed and particles, the Denoiser box, what the plane shows,
// and a status line. Every edit goes into the Mixture2DDocument; the controls show the document
// (also after undo, or when a learned model locks the data and schedule). Children are named.

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class DenoiserBox;
class Mixture2DDocument;

class Mixture2DControls : public QWidget {
  Q_OBJECT

 public:
  explicit Mixture2DControls(Mixture2DDocument* document, QWidget* parent = nullptr);

  void setStatus(const QString& html);
  // Puts the SPEC line into the document; a bad spec is shown inline and changes nothing.
  bool applySpec();
  QPushButton* regenerateButton() const { return m_regenerate; }
  QCheckBox* fieldCheck() const { return m_showField; }

 private:
  QWidget* buildDataBox();
  QWidget* buildProcessBox();
  QWidget* buildShowBox();
  void connectEdits();
  void connectDocument();
  void editSampler();
  void showMixture();
  void showSchedule();
  void showSampler();
  void showSampling();
  void showView();
  void showLock();

  Mixture2DDocument* m_doc;
  QComboBox* m_preset = nullptr;
  QLineEdit* m_spec = nullptr;
  QLabel* m_specError = nullptr;
  QPushButton* m_apply = nullptr;
  QComboBox* m_scheduleKind = nullptr;
  QSpinBox* m_steps = nullptr;
  QComboBox* m_sampler = nullptr;
  QSpinBox* m_ddimSteps = nullptr;
  QDoubleSpinBox* m_eta = nullptr;
  QSpinBox* m_seed = nullptr;
  QSpinBox* m_particles = nullptr;
  QPushButton* m_regenerate = nullptr;
  QCheckBox* m_showField = nullptr;
  QComboBox* m_fieldKind = nullptr;
  QCheckBox* m_showPaths = nullptr;
  DenoiserBox* m_denoiser = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace ds::ui
