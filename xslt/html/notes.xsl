<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/notes.xsl: footnotes. In mode "text" a footnote becomes a superscript link to its
  note; mode "notes" writes a document's notes section, each note linking back to its
  marker. Marks are the printed @n (legacy volumes repeat them per printed page); the
  links rely on the unique ids from enc:anchor-id, never on the marks.

  Notes with rend="inline" that are not source notes stay in the text as a span.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all"
    expand-text="yes">

  <xsl:mode name="notes" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The marker where the note was anchored. -->
  <xsl:template match="tei:note[enc:is-footnote(.)]" mode="text" as="element(sup)">
    <!-- In an edition (page-json given) the note's text also shows at the marker, on hover
         and focus, by CSS alone; the print edition has the note at the foot of the page. -->
    <xsl:variable name="tip" as="xs:string?" select="('tip-' || enc:anchor-id(.))[map:size($enc:page) gt 0]"/>
    <sup class="{if ($tip) then 'note-ref tip-wrap' else 'note-ref'}">
      <a id="{enc:note-ref-id(.)}" href="#{enc:anchor-id(.)}">
        <xsl:if test="$tip"><xsl:attribute name="aria-describedby" select="$tip"/></xsl:if>
        <xsl:attribute name="role" select="'doc-noteref'"/>
        <xsl:value-of select="enc:note-label(.)"/>
      </a>
      <xsl:if test="$tip">
        <span class="tip note-tip" role="tooltip" id="{$tip}" data-pagefind-ignore="">{enc:cut(enc:plain(.), 600)}</span>
      </xsl:if>
    </sup>
  </xsl:template>

  <!-- An inline note that is not a source line: part of the running text. -->
  <xsl:template match="tei:note" mode="text" as="element(span)">
    <span class="note-inline">
      <xsl:apply-templates mode="text"/>
    </span>
  </xsl:template>

  <!-- The notes of one document (attachments included), in the order of their markers. -->
  <xsl:template match="tei:div | tei:body" mode="notes" as="element(section)?">
    <xsl:variable name="notes" as="element(tei:note)*" select=".//tei:note[enc:is-footnote(.)]"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-label="Notes">
        <h2 class="notes-head">Notes</h2>
        <ol class="notes-list">
          <xsl:apply-templates select="$notes" mode="notes"/>
        </ol>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- One note: its mark links back to the marker, then the text, then a return arrow. -->
  <xsl:template match="tei:note" mode="notes" as="element(li)">
    <xsl:variable name="back" as="xs:string" select="'#' || enc:note-ref-id(.)"/>
    <li class="note" id="{enc:anchor-id(.)}">
      <a class="note-mark" href="{$back}" role="doc-backlink" title="Back to the text">{enc:note-label(.)}</a>
      <xsl:text> </xsl:text>
      <div class="note-body">
        <xsl:apply-templates mode="text"/>
        <xsl:text> </xsl:text>
        <a class="note-back" href="{$back}" aria-label="Back to the text">↩</a>
      </div>
    </li>
  </xsl:template>

</xsl:stylesheet>
