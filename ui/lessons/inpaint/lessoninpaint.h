#pragma once
// The Inpaint lesson: paint a mask on a picture and fill it in three ways from the same seed and
// the same starting noise x_T, side by side (lecture 13:04–13:45):
//   replace      — the plain U-Net; the kept part is overwritten by a noised copy after every step;
//   RePaint      — the same with resampling (Lugmayr et al. 2022);
//   conditioned  — the inpainting U-Net that sees the clean kept pixels and the mask.
// Left: the mask tools and the settings. Middle: the picture with the mask (brush, eraser,
// rectangle, lasso; zoom and pan; undo). Right: per method, xₜ and x̂₀ of every fill at the
// timeline's t with the kept region outlined, and the seam metric of the fills against the
// picture's own. Jobs run on the lesson's trackers (the status bar shows progress and Cancel);
// scrubbing only indexes the recorded chains.

#include "ui/lesson.h"

#include <memory>
#include <vector>

namespace ds {
struct ImageInpaintResult;
struct ImageSet;
struct InpaintModels;
}  // namespace ds

namespace ds::ui {

class ImageGridView;
class InpaintControls;
class InpaintDocument;
class MaskCanvas;
class MaskDocument;
class MaskToolsPanel;

class LessonInpaint : public Lesson {
  Q_OBJECT

 public:
  explicit LessonInpaint(ComputeContext* context, QWidget* parent = nullptr);
  ~LessonInpaint() override;

  QString id() const override { return QStringLiteral("inpaint"); }
  QString title() const override { return tr("Inpaint"); }
  NoiseSchedule schedule() const override;
  int timestep() const override { return m_t; }
  void setTimestep(int t) override;
  void setDirection(Direction direction) override;
  void setPresentationMode(bool on) override;
  // The fills at the current t: one row per fill (method, fill, t, then the H·W pixels in [−1, 1]).
  bool exportParticlesCsv(const QString& path, QString* error) const override;
  QList<QAction*> lessonActions() override { return m_actions; }
  QJsonObject saveState() const override;  // lesson file state (<lesson>state.cpp)
  bool applyState(const QJsonObject& state, QString* error) override;
  // Work that survives a crash (ui/autosave.h; inpaintautosave.cpp): a mask painted by the user
  // (not the starting central box) or a picture loaded from a file, with the picture.
  AutosaveSnapshot autosaveSnapshot() const override;
  bool restoreAutosave(const QString& folder, QString* error) override;

  InpaintDocument* document() const { return m_doc; }
  MaskDocument* maskDocument() const { return m_mask; }
  MaskCanvas* canvas() const { return m_canvas; }
  InpaintControls* controls() const { return m_controls; }
  JobTracker* pictureTracker() const { return m_pictureTracker; }
  std::shared_ptr<const ImageInpaintResult> result() const { return m_result; }
  ImageGridView* methodGrid(int index) const;  // 0..2, in the order the methods ran

  // Runs the chosen methods on the current picture and mask now (the Inpaint button).
  void inpaintNow();
  // Loads Fashion-MNIST test picture `index` into the mask document (a job; the mask is kept).
  void loadTestPicture(int index);
  // Saves the final fills of every method as one PNG (one row per method).
  bool saveResultsPng(const QString& path, QString* error) const;

 protected:
  void showEvent(QShowEvent* event) override;

 private:
  void buildViews();
  void buildActions();
  void showResult();
  void showModelInfo();
  void showFailure(const QString& what, const QString& message);

  InpaintDocument* m_doc;
  MaskDocument* m_mask;
  MaskCanvas* m_canvas = nullptr;
  MaskToolsPanel* m_tools = nullptr;
  InpaintControls* m_controls = nullptr;
  JobTracker* m_pictureTracker;
  ImageGridView* m_grids[3] = {nullptr, nullptr, nullptr};
  QList<QAction*> m_actions;

  std::shared_ptr<const ImageSet> m_testSet;
  std::shared_ptr<const InpaintModels> m_models;
  std::shared_ptr<const ImageInpaintResult> m_result;
  int m_t = 0;
  bool m_presentation = false;
  bool m_firstShow = true;
  int m_firstPicture = 0;          // the test picture loaded on first show (a lesson file may choose it)
  std::vector<float> m_startMask;  // the central box the lesson starts with: not work to keep
  bool m_userPicture = false;      // the picture came from a file (not a test picture)
  bool m_restored = false;         // autosaved work came back before the page was first shown
};

}  // namespace ds::ui
