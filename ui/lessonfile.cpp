#include "ui/lessonfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>
#include <QUrlQuery>

#include <cmath>

namespace ds::ui {

namespace {

const QString kFormat = QStringLiteral("diffusion-studio-lesson");
const QString kLinkPrefix = QStringLiteral("diffusion-studio://lesson?");

// Every text of the lesson-file format is in the context ds::ui::LessonFile. lupdate files a LessonFileText::tr()
// text under the class of the function that calls it, and LessonFile and JsonFields are not
// QObjects, so every call names the context: LessonFileText::tr.
struct LessonFileText {
  Q_DECLARE_TR_FUNCTIONS(ds::ui::LessonFile)
};

QString typeName(const QJsonValue& v) {
  switch (v.type()) {
    case QJsonValue::Null:
      return LessonFileText::tr("null");
    case QJsonValue::Bool:
      return LessonFileText::tr("true/false");
    case QJsonValue::Double:
      return LessonFileText::tr("a number");
    case QJsonValue::String:
      return LessonFileText::tr("text");
    case QJsonValue::Array:
      return LessonFileText::tr("a list");
    case QJsonValue::Object:
      return LessonFileText::tr("an object");
    default:
      return LessonFileText::tr("nothing");
  }
}

// Doubles hold integers exactly up to 2^53; a seed or a count beyond that is refused.
constexpr double kMaxExactInteger = 9007199254740992.0;

}  // namespace

// ---------------------------------------------------------------------------------------------
// JsonFields

JsonFields::JsonFields(const QJsonObject& object, const QString& path) : m_object(object), m_path(path) {}

QString JsonFields::where(const QString& key) const { return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key; }

const QJsonValue* JsonFields::value(const QString& key) {
  m_read.insert(key);
  if (!ok() || !m_object.contains(key)) return nullptr;
  m_current = m_object.value(key);
  return &m_current;
}

bool JsonFields::fail(const QString& message) {
  if (m_error.isEmpty()) m_error = message;
  return false;
}

bool JsonFields::integer(const QString& key, qint64 lo, qint64 hi, qint64* out) {
  const QJsonValue* v = value(key);
  if (!v) return ok();
  const double d = v->toDouble();
  if (!v->isDouble() || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) > kMaxExactInteger)
    return fail(LessonFileText::tr("“%1” must be a whole number, not %2.")
                    .arg(where(key), v->isDouble() ? QString::number(d) : typeName(*v)));
  if (d < static_cast<double>(lo) || d > static_cast<double>(hi))
    return fail(LessonFileText::tr("“%1” = %2 is out of range (allowed: %3 to %4).")
                    .arg(where(key))
                    .arg(d, 0, 'g', 17)
                    .arg(lo)
                    .arg(hi));
  *out = static_cast<qint64>(d);
  return true;
}

bool JsonFields::integer(const QString& key, int lo, int hi, int* out) {
  qint64 v = *out;
  if (!integer(key, qint64(lo), qint64(hi), &v)) return false;
  *out = static_cast<int>(v);
  return true;
}

bool JsonFields::number(const QString& key, double lo, double hi, double* out) {
  const QJsonValue* v = value(key);
  if (!v) return ok();
  if (!v->isDouble() || !std::isfinite(v->toDouble()))
    return fail(LessonFileText::tr("“%1” must be a number, not %2.").arg(where(key), typeName(*v)));
  const double d = v->toDouble();
  if (d < lo || d > hi)
    return fail(
        LessonFileText::tr("“%1” = %2 is out of range (allowed: %3 to %4).").arg(where(key)).arg(d).arg(lo).arg(hi));
  *out = d;
  return true;
}

bool JsonFields::boolean(const QString& key, bool* out) {
  const QJsonValue* v = value(key);
  if (!v) return ok();
  if (!v->isBool())
    return fail(LessonFileText::tr("“%1” must be true or false, not %2.").arg(where(key), typeName(*v)));
  *out = v->toBool();
  return true;
}

bool JsonFields::string(const QString& key, int maxLength, QString* out) {
  const QJsonValue* v = value(key);
  if (!v) return ok();
  if (!v->isString()) return fail(LessonFileText::tr("“%1” must be text, not %2.").arg(where(key), typeName(*v)));
  if (v->toString().size() > maxLength)
    return fail(LessonFileText::tr("“%1” is too long (%2 characters; at most %3).")
                    .arg(where(key))
                    .arg(v->toString().size())
                    .arg(maxLength));
  *out = v->toString();
  return true;
}

bool JsonFields::choice(const QString& key, const QStringList& allowed, QString* out) {
  QString s = *out;
  if (!string(key, 200, &s)) return false;
  if (!allowed.contains(s))
    return fail(
        LessonFileText::tr("“%1” = “%2” is not one of: %3.").arg(where(key), s, allowed.join(QStringLiteral(", "))));
  *out = s;
  return true;
}

bool JsonFields::object(const QString& key, QJsonObject* out) {
  const QJsonValue* v = value(key);
  if (!v) return ok();
  if (!v->isObject()) return fail(LessonFileText::tr("“%1” must be an object, not %2.").arg(where(key), typeName(*v)));
  *out = v->toObject();
  return true;
}

bool JsonFields::array(const QString& key, int maxItems, QJsonArray* out) {
  const QJsonValue* v = value(key);
  if (!v) return ok();
  if (!v->isArray()) return fail(LessonFileText::tr("“%1” must be a list, not %2.").arg(where(key), typeName(*v)));
  if (v->toArray().size() > maxItems)
    return fail(LessonFileText::tr("“%1” has %2 entries; at most %3 are allowed.")
                    .arg(where(key))
                    .arg(v->toArray().size())
                    .arg(maxItems));
  *out = v->toArray();
  return true;
}

bool JsonFields::finish() {
  if (!ok()) return false;
  for (auto it = m_object.begin(); it != m_object.end(); ++it)
    if (!m_read.contains(it.key())) return fail(LessonFileText::tr("Unknown field “%1”.").arg(where(it.key())));
  return true;
}

bool readPoints(const QJsonArray& array, int dim, double limit, int maxPoints, const QString& where,
                std::vector<double>* out, QString* error) {
  if (array.size() > maxPoints) {
    *error =
        LessonFileText::tr("“%1” has %2 points; at most %3 are allowed.").arg(where).arg(array.size()).arg(maxPoints);
    return false;
  }
  std::vector<double> values;
  values.reserve(static_cast<size_t>(array.size()) * dim);
  for (int i = 0; i < array.size(); ++i) {
    const QJsonArray p = array.at(i).toArray();
    bool good = array.at(i).isArray() && p.size() == dim;
    for (int d = 0; good && d < dim; ++d) {
      const double v = p.at(d).toDouble(NAN);
      good = p.at(d).isDouble() && std::isfinite(v) && std::fabs(v) <= limit;
      values.push_back(v);
    }
    if (!good) {
      *error = LessonFileText::tr("Point %1 of “%2” must be a list of %3 numbers within ±%4.")
                   .arg(i + 1)
                   .arg(where)
                   .arg(dim)
                   .arg(limit);
      return false;
    }
  }
  *out = std::move(values);
  return true;
}

// ---------------------------------------------------------------------------------------------
// LessonFile

QJsonObject LessonFile::toJson() const {
  QJsonObject o;
  o.insert(QStringLiteral("format"), kFormat);
  o.insert(QStringLiteral("version"), kVersion);
  o.insert(QStringLiteral("lesson"), lesson);
  o.insert(QStringLiteral("t"), t);
  o.insert(QStringLiteral("direction"), reverse ? QStringLiteral("reverse") : QStringLiteral("forward"));
  if (!title.isEmpty()) o.insert(QStringLiteral("title"), title);
  o.insert(QStringLiteral("caption"), caption);
  o.insert(QStringLiteral("hideControls"), hideControls);
  o.insert(QStringLiteral("state"), state);
  return o;
}

QByteArray LessonFile::toBytes() const { return QJsonDocument(toJson()).toJson(QJsonDocument::Indented); }

QString LessonFile::toLink() const {
  const QByteArray compact = QJsonDocument(toJson()).toJson(QJsonDocument::Compact);
  const QByteArray encoded = compact.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
  return kLinkPrefix + QStringLiteral("v=%1&s=").arg(kVersion) + QString::fromLatin1(encoded);
}

bool LessonFile::looksLikeLink(const QString& text) { return text.trimmed().startsWith(kLinkPrefix); }

std::optional<LessonFile> LessonFile::fromJson(const QJsonObject& object, const QStringList& knownLessons,
                                               QString* error) {
  JsonFields f(object);
  QString format;
  if (!object.contains(QStringLiteral("format"))) {
    *error = LessonFileText::tr("It is not a Diffusion Studio lesson file (no “format” field).");
    return std::nullopt;
  }
  f.string(QStringLiteral("format"), 200, &format);
  if (f.ok() && format != kFormat) {
    *error = LessonFileText::tr("It is not a Diffusion Studio lesson file (“format” is “%1”, expected “%2”).")
                 .arg(format, kFormat);
    return std::nullopt;
  }
  // The version first: a newer file may have fields this program does not know.
  qint64 version = 0;
  if (f.ok() && !object.contains(QStringLiteral("version")))
    f.fail(LessonFileText::tr("The “version” field is missing."));
  f.integer(QStringLiteral("version"), qint64(1), qint64(1) << 40, &version);
  if (f.ok() && version > kVersion) {
    *error = LessonFileText::tr(
                 "It was written by a newer version of Diffusion Studio (lesson format version %1; this version "
                 "reads up to %2). Update Diffusion Studio to open it.")
                 .arg(version)
                 .arg(kVersion);
    return std::nullopt;
  }
  LessonFile file;
  if (f.ok() && !object.contains(QStringLiteral("lesson")))
    f.fail(LessonFileText::tr("The “lesson” field is missing."));
  f.string(QStringLiteral("lesson"), 100, &file.lesson);
  if (f.ok() && !knownLessons.isEmpty() && !knownLessons.contains(file.lesson))
    f.fail(LessonFileText::tr(
               "It is for the lesson “%1”, which this version of Diffusion Studio does not have (it has: %2).")
               .arg(file.lesson, knownLessons.join(QStringLiteral(", "))));
  f.integer(QStringLiteral("t"), 0, kMaxTimestep, &file.t);
  QString direction = QStringLiteral("forward");
  f.choice(QStringLiteral("direction"), {QStringLiteral("forward"), QStringLiteral("reverse")}, &direction);
  file.reverse = direction == QLatin1String("reverse");
  f.string(QStringLiteral("title"), 200, &file.title);
  f.string(QStringLiteral("caption"), kMaxCaption, &file.caption);
  f.boolean(QStringLiteral("hideControls"), &file.hideControls);
  f.object(QStringLiteral("state"), &file.state);
  if (f.ok() && file.state.contains(QStringLiteral("steps"))) {
    // A lesson with its own T: t must lie in 0..T.
    const QJsonValue steps = file.state.value(QStringLiteral("steps"));
    if (steps.isDouble() && file.t > steps.toDouble())
      f.fail(LessonFileText::tr("“t” = %1 is out of range: this lesson's T is %2 (allowed: 0 to %2).")
                 .arg(file.t)
                 .arg(steps.toDouble()));
  }
  if (!f.finish()) {
    *error = f.error();
    return std::nullopt;
  }
  return file;
}

std::optional<LessonFile> LessonFile::fromBytes(const QByteArray& bytes, const QStringList& knownLessons,
                                                QString* error) {
  if (bytes.size() > kMaxBytes) {
    *error = LessonFileText::tr("It is too large (%1 bytes; a lesson file has at most %2).")
                 .arg(bytes.size())
                 .arg(kMaxBytes);
    return std::nullopt;
  }
  QJsonParseError parse;
  const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
  if (parse.error != QJsonParseError::NoError) {
    *error = LessonFileText::tr("It is not valid JSON: %1 at byte %2.").arg(parse.errorString()).arg(parse.offset);
    return std::nullopt;
  }
  if (!doc.isObject()) {
    *error = LessonFileText::tr("It is not a Diffusion Studio lesson file (the JSON is not an object).");
    return std::nullopt;
  }
  return fromJson(doc.object(), knownLessons, error);
}

std::optional<LessonFile> LessonFile::fromLink(const QString& text, const QStringList& knownLessons, QString* error) {
  // Chat programs wrap long lines: whitespace inside the link is not part of it.
  QString link = text;
  link.remove(QRegularExpression(QStringLiteral("\\s")));
  if (!link.startsWith(kLinkPrefix)) {
    *error = LessonFileText::tr("It is not a Diffusion Studio lesson link (it must start with “%1”).").arg(kLinkPrefix);
    return std::nullopt;
  }
  const QUrlQuery query(link.mid(kLinkPrefix.size()));
  const QString v = query.queryItemValue(QStringLiteral("v"));
  bool numeric = false;
  const qint64 version = v.toLongLong(&numeric);
  if (numeric && version > kVersion) {
    *error = LessonFileText::tr(
                 "It was made by a newer version of Diffusion Studio (lesson format version %1; this version "
                 "reads up to %2). Update Diffusion Studio to open it.")
                 .arg(version)
                 .arg(kVersion);
    return std::nullopt;
  }
  const QByteArray encoded = query.queryItemValue(QStringLiteral("s")).toLatin1();
  if (encoded.isEmpty()) {
    *error = LessonFileText::tr("The link carries no lesson (its “s=” part is missing or empty).");
    return std::nullopt;
  }
  if (encoded.size() > kMaxBytes * 4 / 3 + 4) {
    *error = LessonFileText::tr("The link is too long.");
    return std::nullopt;
  }
  const auto decoded =
      QByteArray::fromBase64Encoding(encoded, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                                                  QByteArray::AbortOnBase64DecodingErrors);
  if (!decoded) {
    *error = LessonFileText::tr("The link is damaged (its “s=” part is not base64url); was it cut short when copied?");
    return std::nullopt;
  }
  return fromBytes(*decoded, knownLessons, error);
}

std::optional<LessonFile> LessonFile::read(const QString& path, const QStringList& knownLessons, QString* error) {
  const QString shown = QDir::toNativeSeparators(path);
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    *error = LessonFileText::tr("Cannot open the lesson file %1: %2").arg(shown, file.errorString());
    return std::nullopt;
  }
  if (file.size() > kMaxBytes) {
    *error =
        LessonFileText::tr("Cannot open the lesson file %1: it is too large (%2 bytes; a lesson file has at most %3).")
            .arg(shown)
            .arg(file.size())
            .arg(kMaxBytes);
    return std::nullopt;
  }
  QString why;
  std::optional<LessonFile> lesson = fromBytes(file.readAll(), knownLessons, &why);
  if (!lesson) *error = LessonFileText::tr("Cannot open the lesson file %1: %2").arg(shown, why);
  return lesson;
}

bool LessonFile::write(const QString& path, QString* error) const {
  QSaveFile file(path);
  const QByteArray bytes = toBytes();
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    *error = LessonFileText::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  return true;
}

}  // namespace ds::ui
