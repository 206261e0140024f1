#pragma once
// The Inpaint 2-D lesson's control column: the set-up (presets, a SPEC line with inline errors,
// the observed axis and value c), the methods shown with one sentence each on what they do, RePaint's
// j and r, the schedule and sampler, n and the seed, and a status line. Every edit goes into the
// Inpaint2DDocument; the controls show the document (also after undo). Children are named.

#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace ds::ui {

class Inpaint2DDocument;

class Inpaint2DControls : public QWidget {
  Q_OBJECT

 public:
  explicit Inpaint2DControls(Inpaint2DDocument* document, QWidget* parent = nullptr);

  void setStatus(const QString& html);
  // Puts the SPEC line into the document; a bad spec is shown inline and changes nothing.
  bool applySpec();
  QPushButton* regenerateButton() const { return m_regenerate; }
  // Bigger explanation text for a projected screen.
  void setPresentationMode(bool on);

 private:
  QWidget* buildDataBox();
  QWidget* buildMethodsBox();
  QWidget* buildSamplerBox();
  void connectEdits();
  void showDocument();

  Inpaint2DDocument* m_doc;
  QComboBox* m_preset = nullptr;
  QLineEdit* m_spec = nullptr;
  QLabel* m_specError = nullptr;
  QPushButton* m_apply = nullptr;
  QComboBox* m_axis = nullptr;
  QDoubleSpinBox* m_value = nullptr;
  std::array<QCheckBox*, 3> m_shown{};
  std::array<QLabel*, 3> m_explain{};
  QSpinBox* m_jump = nullptr;
  QSpinBox* m_resample = nullptr;
  QComboBox* m_scheduleKind = nullptr;
  QSpinBox* m_steps = nullptr;
  QComboBox* m_sampler = nullptr;
  QSpinBox* m_ddimSteps = nullptr;
  QSpinBox* m_samples = nullptr;
  QSpinBox* m_seed = nullptr;
  QPushButton* m_regenerate = nullptr;
  QLabel* m_status = nullptr;
};

}  // namespace ds::ui
