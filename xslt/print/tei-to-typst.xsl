<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/tei-to-typst.xsl: the print edition. Input: the edition as one TEI document (FRUS
  volume shape: teiHeader with typed titles and editors, front with the persons and terms
  lists, body with chapters, subchapters and document divs). Output: the Typst source of
  the book, which imports book.typ (the typography) and is compiled by encoder/typeset.py.

  The teiHeader becomes the arguments of book(); front sections become sections; each
  chapter opens on a recto; each document is a document() call holding its text (text.xsl).
  Documents named in $plain-docs are set as plain text (one paragraph per block, notes
  after the text): encoder/book.py asks for that when the typesetter could not set one.

  Lines "// doc ID" mark where each document starts, so an error the typesetter reports
  at a line of this output can be traced back to its document.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:frus="http://history.state.gov/frus/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="typst.xsl"/>
  <xsl:include href="text.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Space-separated xml:ids of documents to set as plain text. -->
  <xsl:param name="plain-docs" as="xs:string" select="''"/>
  <!-- File name (beside the Typst source) of the TEI to attach to the PDF; '' for none. -->
  <xsl:param name="attach" as="xs:string" select="''"/>
  <!-- The template to import, relative to the Typst source. -->
  <xsl:param name="template" as="xs:string" select="'book.typ'"/>

  <xsl:variable name="enc:plain-ids" as="xs:string*" select="tokenize($plain-docs)"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="book" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="toc" on-no-match="fail" on-multiple-match="fail"/>

  <!-- The label every contents entry points at: generated, so always a valid, unique label. -->
  <xsl:function name="enc:toc-label" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="'&lt;enc-' || generate-id($div) || '&gt;'"/>
  </xsl:function>

  <!-- Contents entries: documents with their number; sections, chapters and subchapters bold. -->
  <xsl:template match="tei:div[@type = 'document']" mode="toc" as="xs:string">
    <xsl:sequence select="'#toc-doc(' || enc:toc-label(.) || ', ' || enc:ty-string(enc:doc-number(.)) || ', '
        || enc:ty-string(enc:doc-title(.)) || ')&#10;'"/>
  </xsl:template>

  <xsl:template match="tei:div[tei:head][not(@type = 'document')]" mode="toc" as="xs:string?">
    <xsl:if test="not(ancestor::tei:div[@type = 'document']) and enc:plain(tei:head[1])">
      <xsl:sequence select="'#toc-part(' || enc:toc-label(.) || ', ' || enc:ty-string(enc:plain(tei:head[1])) || ')&#10;'"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="document-node(element(tei:TEI))" as="xs:string">
    <xsl:variable name="tei" as="element(tei:TEI)" select="tei:TEI"/>
    <xsl:variable name="stmt" as="element()?" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt"/>
    <xsl:variable name="pub" as="element()?" select="$tei/tei:teiHeader/tei:fileDesc/tei:publicationStmt"/>
    <xsl:variable name="complete" as="xs:string" select="enc:plain(($stmt/tei:title[@type = 'complete'], $stmt/tei:title)[1])"/>
    <xsl:variable name="title" as="xs:string" select="if ($complete) then $complete else 'telegram-tei edition'"/>
    <xsl:variable name="licence" as="element()?" select="($pub/tei:availability//tei:licence)[1]"/>
    <xsl:variable name="licence-url" as="xs:string?" select="enc:safe-href($licence/@target, $tei)[starts-with(., 'http')]"/>
    <xsl:variable name="url" as="xs:string?" select="enc:safe-href($pub/tei:idno[@type = 'url'][1], $tei)[starts-with(., 'http')]"/>
    <xsl:variable name="persons" as="element(tei:persName)*" select="$tei/tei:text/tei:front//tei:persName[@xml:id]"/>
    <xsl:variable name="docs" as="element(tei:div)*" select="$tei/tei:text/tei:body//tei:div[@type = 'document'][not(ancestor::tei:div[@type = 'document'])]"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:sequence select="'// The print edition, made by telegram-tei from the edition TEI. Generated: do not edit.&#10;'"/>
      <xsl:sequence select="'#import ' || enc:ty-string($template) || ': *&#10;'"/>
      <xsl:sequence select="'#show: book.with(&#10;'
          || '  title: ' || enc:ty-string($title) || ',&#10;'
          || '  subtitle: ' || enc:ty-string(enc:plain($stmt/tei:title[@type = 'sub'][1])) || ',&#10;'
          || '  short: ' || enc:ty-string(enc:plain($stmt/tei:title[@type = 'short'][1])) || ',&#10;'
          || '  editors: ' || enc:ty-strings(($stmt/tei:editor ! enc:plain(.))[.]) || ',&#10;'
          || '  publisher: ' || enc:ty-string(enc:plain($pub/tei:publisher[1])) || ',&#10;'
          || '  pubplace: ' || enc:ty-string(enc:plain($pub/tei:pubPlace[1])) || ',&#10;'
          || '  date: ' || enc:ty-string(enc:plain($pub/tei:date[1])) || ',&#10;'
          || '  idno: ' || enc:ty-string(enc:plain($pub/tei:idno[@type = 'frus'][1])) || ',&#10;'
          || '  licence: ' || enc:ty-string(enc:plain($licence)) || ',&#10;'
          || '  licence-url: ' || enc:ty-string($licence-url) || ',&#10;'
          || '  url: ' || enc:ty-string($url) || ',&#10;'
          || '  made: ' || enc:ty-string(string-join($tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc/tei:p ! enc:plain(.), ' ')) || ',&#10;'
          || '  lang: ' || enc:ty-string(replace(enc:lang($tei), '-.*$', '', ';j')) || ',&#10;'
          || '  keywords: ' || enc:ty-strings(distinct-values(($stmt/tei:title[@type = 'short'], $tei/tei:text/tei:body/tei:div[not(@type = 'document')]/tei:head[1]) ! enc:plain(.))[.]) || ',&#10;'
          || '  attach: ' || (if ($attach) then enc:ty-string($attach) else 'none') || ',&#10;'
          || ')&#10;'"/>
      <xsl:sequence select="'&#10;#contents[&#10;'"/>
      <xsl:apply-templates select="$tei/tei:text/(tei:front | tei:body | tei:back)//tei:div[tei:head or @type = 'document']" mode="toc"/>
      <xsl:sequence select="'#toc-maybe(&lt;index-persons&gt;, &quot;Index of Persons&quot;)&#10;#toc-maybe(&lt;index-places&gt;, &quot;Index of Places&quot;)&#10;]&#10;'"/>
      <xsl:apply-templates select="$tei/tei:text/tei:front/*" mode="book"/>
      <xsl:sequence select="'&#10;#show: mainmatter&#10;'"/>
      <xsl:if test="empty($docs)">
        <xsl:sequence select="'#chapter(title: &quot;&quot;, short: &quot;&quot;)&#10;The edition holds no documents\.&#10;'"/>
      </xsl:if>
      <xsl:apply-templates select="$tei/tei:text/tei:body/node()" mode="book"/>
      <xsl:apply-templates select="$tei/tei:text/tei:back/*" mode="book"/>
      <xsl:sequence select="'&#10;#indexes(persons: (' || (if (empty($persons)) then ':' else string-join($persons ! (enc:ty-string(@xml:id) || ': ' || enc:ty-string(enc:plain(.)) || ','), ' ')) || '))&#10;'"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts, '')"/>
  </xsl:template>

  <xsl:template match="document-node()" priority="-1" as="empty-sequence()">
    <xsl:sequence select="enc:fail(., 'the print edition expects one TEI document (the edition), not '
        || (if (*) then 'Q{' || namespace-uri(*[1]) || '}' || local-name(*[1]) else 'an empty document'))"/>
  </xsl:template>

  <xsl:template match="text() | comment() | processing-instruction()" mode="book" as="empty-sequence()"/>

  <!-- A front or back section (persons, terms, a preface): a section of its own. -->
  <xsl:template match="tei:front/tei:div | tei:back/tei:div" mode="book" as="xs:string">
    <xsl:variable name="head" as="xs:string" select="enc:plain(tei:head[1])"/>
    <xsl:sequence select="'&#10;#section(' || enc:ty-string(if ($head) then $head else 'Section') || ')'
        || (if ($head) then '#metadata(none)' || enc:toc-label(.) else '') || '&#10;'
        || string-join((node() except tei:head[1]) ! enc:ty-apply(.), '') || '&#10;'"/>
  </xsl:template>

  <!-- Lists of persons and terms: one hanging entry per item. -->
  <xsl:template match="tei:front//tei:list[@type = ('participants', 'terms', 'names')]" mode="ty" priority="1" as="xs:string">
    <xsl:sequence select="'&#10;' || string-join(tei:item ! ('#block(spacing: 0.5em, par(first-line-indent: 0pt, hanging-indent: 1.5em)[' || enc:ty-content(.) || '])&#10;'), '')"/>
  </xsl:template>

  <xsl:template match="tei:front/* | tei:back/*" mode="book" priority="-1" as="xs:string">
    <xsl:sequence select="string-join(enc:ty-apply(.), '')"/>
  </xsl:template>

  <!-- A chapter or subchapter: its opening, then what it holds. -->
  <xsl:template match="tei:body//tei:div[not(@type = 'document')]" mode="book" as="xs:string">
    <xsl:variable name="title" as="xs:string" select="enc:plain(tei:head[1])"/>
    <xsl:variable name="level" as="xs:integer" select="min((count(ancestor::tei:div) + 1, 5))"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:sequence select="'&#10;#chapter(title: ' || enc:ty-string($title) || ', short: ' || enc:ty-string(enc:cut($title, 60))
          || ', level: ' || $level || ')' || enc:ty-target-label(.)
          || (if ($title) then '#metadata(none)' || enc:toc-label(.) else '') || '&#10;'"/>
      <xsl:for-each select="node() except tei:head[1]">
        <xsl:choose>
          <xsl:when test="self::tei:div">
            <xsl:apply-templates select="." mode="book"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="enc:ty-apply(.)"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="string-join($parts, '')"/>
  </xsl:template>

  <!--
    A document: the call that sets it, with its opening (the elements before its text:
    source line, heading, opener, dateline) as the first content argument, its text as
    the second.
  -->
  <xsl:template match="tei:div[@type = 'document']" mode="book" as="xs:string">
    <xsl:variable name="n" as="xs:string" select="enc:doc-number(.)"/>
    <xsl:variable name="label" as="xs:string" select="enc:ty-target-label(.)"/>
    <xsl:variable name="plain" as="xs:boolean" select="string(@xml:id) = $enc:plain-ids"/>
    <xsl:variable name="text-starts" as="element()?" select="*[not(self::tei:head or self::tei:opener
        or self::tei:dateline or self::tei:byline or self::tei:seg
        or self::tei:note[@type = 'source'][not(enc:is-footnote(.))])][1]"/>
    <xsl:variable name="opening" as="element()*" select="if ($text-starts) then *[. &lt;&lt; $text-starts] else *"/>
    <xsl:variable name="missing-head" as="xs:string" select="if (tei:head) then ''
        else $enc:par || enc:ty-call('dochead', string(enc:ty-level(.)), enc:ty-markup(enc:display-title(.)))"/>
    <xsl:sequence select="'&#10;// doc ' || enc:ty-space(string(@xml:id)) || '&#10;'
        || '#doc(n: ' || enc:ty-string($n) || ', title: ' || enc:ty-string(enc:doc-title(.))
        || ', running: ' || enc:ty-string(enc:ty-running(.)) || ', level: ' || enc:ty-level(.) || ')['
        || '#metadata(none)' || enc:toc-label(.)
        || (if ($label) then '#metadata(none)' || $label else '')
        || (if ($plain) then enc:ty-call('dochead', string(enc:ty-level(.)), enc:ty-markup(enc:breakable(enc:display-title(.)))) || '][' || enc:ty-plain(.)
            else $missing-head || string-join($opening ! enc:ty-apply(.), '') || '][' || string-join((node() except $opening) ! enc:ty-apply(.), ''))
        || ']&#10;// end&#10;'"/>
  </xsl:template>

  <!-- The running head: "No. 580 · Togo to Sato" from the heading, else the title. -->
  <xsl:function name="enc:ty-running" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="n" as="xs:string" select="enc:doc-number($doc)"/>
    <xsl:variable name="head" as="element()?" select="$doc/tei:head[1]"/>
    <xsl:variable name="from" as="xs:string*" select="($head//(tei:persName | tei:gloss | tei:orgName | tei:name)[@type = 'from'] except $head//tei:note//*) ! enc:plain(.)"/>
    <xsl:variable name="to" as="xs:string*" select="($head//(tei:persName | tei:gloss | tei:orgName | tei:name)[@type = 'to'] except $head//tei:note//*) ! enc:plain(.)"/>
    <xsl:variable name="text" as="xs:string" select="if (exists($from[.]) and exists($to[.]))
        then string-join($from[.], ' and ') || ' to ' || string-join($to[.], ' and ') else enc:doc-title($doc)"/>
    <xsl:sequence select="enc:cut((if ($n) then 'No. ' || $n || ' · ' else '') || $text, 64)"/>
  </xsl:function>

  <!--
    The text of a block without its notes, cells and list items apart from each other
    (enc:plain would run "c0" and "c1" of two cells together).
  -->
  <xsl:function name="enc:plain-cells" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="normalize-space(string-join(
        ($block//text() except $block//tei:note[enc:is-footnote(.)]//text())
        ! ((if ((ancestor::*[self::tei:cell or self::tei:item or self::tei:label][1]//text())[1] is .) then ' ' else '')
           || string(.)), ''))"/>
  </xsl:function>

  <!--
    A document as plain text: its heading, then one paragraph per block of text (notes
    left out), then its notes as numbered paragraphs. Only characters, no structure, so
    nothing in it can fail to set.
  -->
  <xsl:function name="enc:ty-plain" as="xs:string">
    <xsl:param name="doc" as="element()"/>
    <xsl:variable name="blocks" as="element()*" select="$doc//(tei:p | tei:head | tei:dateline | tei:seg | tei:signed
        | tei:salute | tei:item | tei:label | tei:cell | tei:note[@type = 'source'][not(enc:is-footnote(.))])
        [not(ancestor::tei:note[enc:is-footnote(.)])]"/>
    <xsl:variable name="outer" as="element()*" select="$blocks[not(ancestor::* intersect $blocks)]"/>
    <xsl:variable name="notes" as="element()*" select="$doc//tei:note[enc:is-footnote(.)][not(ancestor::tei:note)]"/>
    <xsl:sequence select="'#plaindoc[' || $enc:par
        || string-join($outer[not(self::tei:head and parent::* is $doc)] ! (enc:ty-markup(enc:breakable(enc:plain-cells(.))) || $enc:par), '')
        || string-join($notes ! ('#text(size: 8.5pt)[' || enc:ty-markup(enc:breakable(enc:note-label(.) || '. ' || enc:plain(.))) || ']' || $enc:par), '')
        || ']'"/>
  </xsl:function>

</xsl:stylesheet>
