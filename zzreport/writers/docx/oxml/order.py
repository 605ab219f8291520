"""The order of children in every WordprocessingML element the writer edits, declared once.

Word refuses a document whose children are out of the schema's sequence
(ECMA-376 part 1, the ``CT_…`` types named below), and LibreOffice and WPS
may silently drop what they do not expect where it stands. Each element
edited here has its sequence listed once, and :func:`get_or_add` is the
one way a child is added: it finds the child, or inserts it before the
first sibling that must follow it.
"""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree


def _tags(names: str) -> tuple[str, ...]:
    return tuple(qn(f"w:{name}") for name in names.split())


#: CT_RPr (17.3.2.28).
RUN_PROPERTIES = _tags(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
    "em lang eastAsianLayout specVanish oMath"
)
#: CT_PPr (17.3.1.26).
PARAGRAPH_PROPERTIES = _tags(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
    "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection "
    "textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
)
#: CT_PBdr (17.3.1.24).
PARAGRAPH_BORDERS = _tags("top left bottom right between bar")
#: CT_TcBorders (17.4.67); CT_TblBorders (17.4.39) holds its first eight sides, in the same order.
CELL_BORDERS = _tags("top start left bottom end right insideH insideV tl2br tr2bl")
#: CT_TcPr (17.4.70).
CELL_PROPERTIES = _tags(
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark"
)
#: CT_TrPr's choices (17.4.82), in the order Word writes them.
ROW_PROPERTIES = _tags(
    "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader tblCellSpacing jc hidden"
)
#: CT_TblPr (17.4.60).
TABLE_PROPERTIES = _tags(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
    "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
)
#: CT_Style (17.7.4.17).
STYLE = _tags(
    "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat locked "
    "personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
)
#: CT_SectPr (17.6.17).
SECTION_PROPERTIES = _tags(
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
    "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
    "sectPrChange"
)
#: CT_Settings (17.15.1.78).
SETTINGS = _tags(
    "writeProtection view zoom removePersonalInformation removeDateAndTime doNotDisplayPageBoundaries "
    "displayBackgroundShape printPostScriptOverText printFractionalCharacterWidth printFormsData "
    "embedTrueTypeFonts embedSystemFonts saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate linkStyles "
    "stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView trackRevisions "
    "doNotTrackMoves doNotTrackFormatting documentProtection autoFormatOverride styleLockTheme "
    "styleLockQFSet defaultTabStop autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps "
    "showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders bookFoldRevPrinting "
    "bookFoldPrinting bookFoldPrintingSheets drawingGridHorizontalSpacing drawingGridVerticalSpacing "
    "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery doNotUseMarginsForDrawingGridOrigin "
    "drawingGridHorizontalOrigin drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning "
    "characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter noLineBreaksBefore "
    "savePreviewPicture doNotValidateAgainstSchema saveInvalidXml ignoreMixedContent "
    "alwaysShowPlaceholderText doNotDemarcateInvalidXml saveXmlDataOnly useXSLTWhenSaving saveThroughXslt "
    "showXMLTags alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat docVars "
    "rsids mathPr attachedSchema themeFontLang clrSchemeMapping doNotIncludeSubdocsInStats "
    "doNotAutoCompressPictures forceUpgrade captions readModeInkLockDown smartTagType schemaLibrary "
    "shapeDefaults doNotEmbedSmartTags decimalSymbol listSeparator"
)
#: CT_AbstractNum's and CT_Lvl's children (17.9.1, 17.9.6), and CT_Numbering's (abstractNum before num).
ABSTRACT_NUM = _tags("nsid multiLevelType tmpl name styleLink numStyleLink lvl")
LEVEL = _tags("start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr")
NUMBERING = _tags("numPicBullet abstractNum num numIdMacAtCleanup")

_SEQUENCES: dict[str, tuple[str, ...]] = {
    qn("w:rPr"): RUN_PROPERTIES,
    qn("w:pPr"): PARAGRAPH_PROPERTIES,
    qn("w:pBdr"): PARAGRAPH_BORDERS,
    qn("w:tcPr"): CELL_PROPERTIES,
    qn("w:tcBorders"): CELL_BORDERS,
    qn("w:tblBorders"): CELL_BORDERS,
    qn("w:trPr"): ROW_PROPERTIES,
    qn("w:tblPr"): TABLE_PROPERTIES,
    qn("w:style"): STYLE,
    qn("w:sectPr"): SECTION_PROPERTIES,
    qn("w:settings"): SETTINGS,
    qn("w:abstractNum"): ABSTRACT_NUM,
    qn("w:lvl"): LEVEL,
    qn("w:numbering"): NUMBERING,
}


def get_or_add(parent: etree._Element, tag: str) -> etree._Element:
    """``parent``'s child ``tag`` (``w:name``), inserted where its schema sequence puts it when missing."""
    name = qn(tag)
    found = parent.find(name)
    if found is not None:
        return found
    return insert(parent, etree.Element(name))


def insert(parent: etree._Element, child: etree._Element) -> etree._Element:
    """Insert ``child`` into ``parent`` before the first sibling its schema sequence puts after it."""
    sequence = _SEQUENCES[str(parent.tag)]
    after = sequence[sequence.index(str(child.tag)) + 1 :]
    for index, sibling in enumerate(parent):
        if sibling.tag in after:
            parent.insert(index, child)
            return child
    parent.append(child)
    return child


def replace(parent: etree._Element, tag: str) -> etree._Element:
    """A new, empty child ``tag`` of ``parent`` in its place, any existing one dropped."""
    name = qn(tag)
    for old in parent.findall(name):
        parent.remove(old)
    return insert(parent, etree.Element(name))
