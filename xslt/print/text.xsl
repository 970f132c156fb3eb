<?xml version="1.0" encoding="UTF-8"?>
<!--
  print/text.xsl: mode "ty", a document's text as Typst markup: paragraphs, inline styles,
  footnotes, page breaks, links, index marks, lists, tables, quotes, and the frame of a
  document (source line, heading, opener, dateline, closer, signature, attachments).
  The functions it calls are defined in book.typ; every text goes through typst.xsl.

  Unknown elements never fail and never lose text: their content is set where they stand.
  Comments and processing instructions are skipped.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:frus="http://history.state.gov/frus/ns/1.0"
    xmlns:enc="urn:telegram-tei:xslt"
    exclude-result-prefixes="#all"
    expand-text="no">

  <xsl:mode name="ty" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:variable name="enc:nl" as="xs:string" select="'&#10;'"/>
  <xsl:variable name="enc:par" as="xs:string" select="'&#10;&#10;'"/>

  <xsl:template match="text()" mode="ty" as="xs:string">
    <xsl:sequence select="enc:ty-text(enc:tidy-text(.))"/>
  </xsl:template>

  <xsl:template match="comment() | processing-instruction()" mode="ty" as="empty-sequence()"/>

  <!-- Content of an element as one string of markup. -->
  <xsl:function name="enc:ty-content" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="$element/node()" mode="ty"/>
    </xsl:variable>
    <xsl:sequence select="string-join($parts, '')"/>
  </xsl:function>

  <!-- A call with one content argument: name(args)[content]. -->
  <xsl:function name="enc:ty-call" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="args" as="xs:string"/>
    <xsl:param name="content" as="xs:string"/>
    <xsl:sequence select="'#' || $name || (if ($args) then '(' || $args || ')' else '') || '[' || $content || ']'"/>
  </xsl:function>

  <!-- Unknown elements: their content, where they stand. -->
  <xsl:template match="*" mode="ty" priority="-10" as="xs:string">
    <xsl:sequence select="enc:ty-content(.)"/>
  </xsl:template>

  <!-- Paragraphs are separated by blank lines. -->
  <xsl:template match="tei:p | tei:l | tei:ab" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-content(.) || $enc:par"/>
  </xsl:template>

  <xsl:template match="tei:lg | tei:opener | tei:closer | tei:postscript" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-content(.) || $enc:par"/>
  </xsl:template>

  <!-- Inline styles. -->
  <xsl:template match="tei:hi" mode="ty" as="xs:string">
    <xsl:variable name="rends" as="xs:string*" select="tokenize(string(@rend)), tokenize(string(@rendition)) ! substring-after(., '#')"/>
    <xsl:variable name="fn" as="xs:string?" select="
        if ($rends = 'italic') then 'emph'
        else if ($rends = ('strong', 'bold')) then 'strong'
        else if ($rends = 'smallcaps') then 'smallcaps'
        else if ($rends = 'underline') then 'underline'
        else if ($rends = ('superscript', 'sup')) then 'super'
        else if ($rends = 'sub') then 'sub'
        else if ($rends = 'strikethrough') then 'strike'
        else if ($rends = 'roman') then 'text'
        else ()"/>
    <xsl:sequence select="if ($fn eq 'text') then enc:ty-call('text', 'style: &quot;normal&quot;', enc:ty-content(.))
        else if ($fn) then enc:ty-call($fn, '', enc:ty-content(.)) else enc:ty-content(.)"/>
  </xsl:template>

  <xsl:template match="tei:del" mode="ty" as="xs:string">
    <xsl:sequence select="enc:ty-call('strike', '', enc:ty-content(.))"/>
  </xsl:template>

  <xsl:template match="tei:lb" mode="ty" as="xs:string">
    <xsl:sequence select="'#linebreak()'"/>
  </xsl:template>

  <xsl:template match="tei:gap" mode="ty" as="xs:string">
    <xsl:sequence select="enc:ty-markup('[…]')"/>
  </xsl:template>

  <xsl:template match="tei:graphic" mode="ty" as="xs:string">
    <xsl:sequence select="enc:ty-markup('[image]')"/>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone | tei:anchor | tei:figDesc" mode="ty" as="xs:string">
    <xsl:sequence select="''"/>
  </xsl:template>

  <!-- A printed note mark whose note did not survive: shown as printed, unlinked. -->
  <xsl:template match="tei:anchor[@type = 'note-marker']" mode="ty" priority="1" as="xs:string">
    <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
    <xsl:sequence select="enc:ty-call('super', '', enc:ty-markup(if ($n) then $n else '*'))"/>
  </xsl:template>

  <!-- A FRUS page break: its label makes it a link target when its id is the edition's only one. -->
  <xsl:template match="tei:pb" mode="ty" as="xs:string">
    <xsl:variable name="n" as="xs:string" select="normalize-space(@n)"/>
    <xsl:sequence select="'#pb(' || enc:ty-string(if ($n) then $n else '?') || ')' || enc:ty-target-label(.)"/>
  </xsl:template>

  <!-- The label of an element that links may point at ('' when its id is not unique or not safe). -->
  <xsl:function name="enc:ty-target-label" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="id" as="xs:string" select="string($element/@xml:id)"/>
    <xsl:sequence select="if ($id ne '' and count(key('enc:by-id', $id, root($element))) eq 1)
        then enc:ty-label($id) else ''"/>
  </xsl:function>

  <!-- The element an internal '#id' target names, when the edition holds exactly one. -->
  <xsl:function name="enc:ty-internal" as="element()?">
    <xsl:param name="ref" as="element()"/>
    <xsl:variable name="t" as="xs:string" select="normalize-space($ref/@target)"/>
    <xsl:variable name="hit" as="element()*" select="if (starts-with($t, '#') and enc:is-safe-id(substring($t, 2)))
        then key('enc:by-id', substring($t, 2), root($ref)) else ()"/>
    <xsl:sequence select="$hit[count($hit) eq 1][self::tei:pb or self::tei:div[@type = 'document']]"/>
  </xsl:function>

  <!-- A cross reference: a link inside the book, or to the web; else its text. -->
  <xsl:template match="tei:ref | tei:ptr" mode="ty" as="xs:string">
    <xsl:variable name="text" as="xs:string" select="enc:ty-content(.) || (if (self::tei:ptr) then enc:ty-markup(normalize-space(@target)) else '')"/>
    <xsl:variable name="inside" as="element()?" select="enc:ty-internal(.)"/>
    <xsl:variable name="href" as="xs:string?" select="if ($inside) then () else enc:safe-href(@target, .)[not(starts-with(., '#'))]"/>
    <xsl:sequence select="
        if ($inside/self::tei:pb) then '#pref(' || enc:ty-label($inside/@xml:id) || ')[' || $text || ']'
        else if ($inside) then '#xref(' || enc:ty-label($inside/@xml:id) || ')[' || $text || ']'
        else if ($href) then '#link(' || enc:ty-string($href) || ')[' || $text || ']'
        else $text"/>
  </xsl:template>

  <!-- Names: set as printed, marked for the index. -->
  <xsl:template match="tei:persName" mode="ty" as="xs:string">
    <xsl:variable name="corresp" as="xs:string" select="substring-after(normalize-space(@corresp), '#')"/>
    <xsl:variable name="person" as="element()?" select="if ($corresp) then
        key('enc:by-id', $corresp, root(.))[self::tei:persName][ancestor::tei:front] else ()"/>
    <xsl:variable name="key" as="xs:string" select="if ($person) then $corresp else enc:plain(.)"/>
    <xsl:sequence select="enc:ty-content(.) || (if ($key and not(ancestor::tei:front)) then '#ix-person(' || enc:ty-string($key) || ')' else '')"/>
  </xsl:template>

  <xsl:template match="tei:placeName" mode="ty" as="xs:string">
    <xsl:variable name="key" as="xs:string" select="enc:plain(.)"/>
    <xsl:sequence select="enc:ty-content(.) || (if ($key and not(ancestor::tei:front)) then '#ix-place(' || enc:ty-string($key) || ')' else '')"/>
  </xsl:template>

  <!-- choice: what the document printed. -->
  <xsl:template match="tei:choice" mode="ty" as="xs:string">
    <xsl:sequence select="string-join((tei:sic, tei:orig, tei:abbr, *)[1] ! enc:ty-content(.), '')"/>
  </xsl:template>

  <!-- A footnote at the foot of the page of its marker, with the mark the TEI gives. -->
  <xsl:template match="tei:note[enc:is-footnote(.)]" mode="ty" as="xs:string">
    <xsl:sequence select="'#fn(' || enc:ty-string(enc:note-label(.)) || ')[' || enc:ty-content(.) || ']'"/>
  </xsl:template>

  <!-- A note inside a note stays in its note, in parentheses. -->
  <xsl:template match="tei:note[enc:is-footnote(.)][ancestor::tei:note]" mode="ty" priority="1" as="xs:string">
    <xsl:sequence select="enc:ty-markup(' (' || enc:note-label(.) || ': ') || enc:ty-content(.) || enc:ty-markup(')')"/>
  </xsl:template>

  <!-- The legacy source line above the heading. -->
  <xsl:template match="tei:note[@type = 'source'][not(enc:is-footnote(.))]" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-call('sourceline', '', enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <!-- A document's heading, with "No. N" above it when the heading does not print the number. -->
  <xsl:template match="tei:div[@type = 'document']/tei:head[1]" mode="ty" as="xs:string">
    <xsl:variable name="doc" as="element()" select=".."/>
    <xsl:sequence select="$enc:par
        || (if (enc:head-has-number($doc)) then ''
            else enc:ty-call('docnum', '', enc:ty-markup('No. ' || enc:doc-number($doc))) || $enc:nl)
        || enc:ty-call('dochead', string(enc:ty-level($doc)), enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <xsl:template match="frus:attachment/tei:head" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-call('atthead', '', enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <!-- Other heads: a centred line (a list's or a section's). -->
  <xsl:template match="tei:head" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-call('subhead', '', enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <xsl:template match="tei:seg[parent::tei:opener or parent::tei:closer]" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-call('marking', '', enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <xsl:template match="tei:dateline" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-call('dateline', if (ancestor::tei:closer) then 'closer: true' else '',
        enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <xsl:template match="tei:salute" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-call('salute', '', enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <xsl:template match="tei:signed" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-call('signed', '', enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <xsl:template match="frus:attachment" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-call('attachment', '', enc:ty-content(.)) || $enc:par"/>
  </xsl:template>

  <!-- A division inside a document: its content (its head a centred line). -->
  <xsl:template match="tei:div" mode="ty" as="xs:string">
    <xsl:sequence select="$enc:par || enc:ty-content(.) || $enc:par"/>
  </xsl:template>

  <!-- A quotation: a block when it holds paragraphs or says so, else inline. -->
  <xsl:template match="tei:quote" mode="ty" as="xs:string">
    <xsl:sequence select="if (tokenize(string(@rend)) = 'blockquote' or tei:p or tei:lg or tei:list or tei:table)
        then $enc:par || enc:ty-call('bquote', '', enc:ty-content(.)) || $enc:par
        else enc:ty-content(.)"/>
  </xsl:template>

  <!-- A list: its heads, then each item with the label printed before it, hanging. -->
  <xsl:template match="tei:list" mode="ty" as="xs:string">
    <xsl:variable name="parts" as="xs:string*">
      <xsl:apply-templates select="tei:head" mode="ty"/>
      <xsl:for-each select="* except (tei:head | tei:label[following-sibling::*[1][self::tei:item]])">
        <xsl:variable name="label" as="element()?" select="self::tei:item/preceding-sibling::*[1][self::tei:label]"/>
        <xsl:sequence select="$enc:nl || (
            if ($label) then '#item[' || enc:ty-content($label) || '][' || enc:ty-content(.) || ']'
            else if (self::tei:item) then '#item-plain[' || enc:ty-content(.) || ']'
            else '#item-plain[' || string-join(enc:ty-apply(.), '') || ']') || $enc:nl"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="$enc:par || string-join($parts, '') || $enc:par"/>
  </xsl:template>

  <xsl:function name="enc:ty-apply" as="xs:string*">
    <xsl:param name="node" as="node()"/>
    <xsl:apply-templates select="$node" mode="ty"/>
  </xsl:function>

  <xsl:template match="tei:label | tei:item" mode="ty" as="xs:string">
    <xsl:sequence select="enc:ty-content(.) || ' '"/>
  </xsl:template>

  <!--
    A table: rows padded to the widest row so cells never slide into the next row;
    column spans are kept within the table's width, row spans dropped (a row is set on
    its own). Anything in a table that is not a row is a full-width cell.
  -->
  <xsl:template match="tei:table" mode="ty" as="xs:string">
    <xsl:variable name="spans" as="xs:integer*" select="tei:row ! sum(tei:cell ! enc:ty-colspan(.))"/>
    <xsl:variable name="width" as="xs:integer" select="max(($spans, 1))"/>
    <xsl:variable name="cells" as="xs:string*">
      <xsl:for-each select="* except tei:head">
        <xsl:choose>
          <xsl:when test="self::tei:row">
            <xsl:for-each select="tei:cell">
              <xsl:variable name="span" as="xs:integer" select="enc:ty-colspan(.)"/>
              <xsl:variable name="body" as="xs:string"
                  select="if (@role = 'label' or ../@role = 'label') then enc:ty-call('strong', '', enc:ty-content(.)) else enc:ty-content(.)"/>
              <xsl:sequence select="if ($span gt 1) then 'table.cell(colspan: ' || $span || ')[' || $body || ']' else '[' || $body || ']'"/>
            </xsl:for-each>
            <xsl:sequence select="for $i in (1 to $width - sum(tei:cell ! enc:ty-colspan(.))) return '[]'"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:sequence select="'table.cell(colspan: ' || $width || ')[' || string-join(enc:ty-apply(.), '') || ']'"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="$enc:par || string-join(tei:head ! enc:ty-apply(.), '')
        || '#ttable(' || $width || ', ' || string-join($cells, ', ') || ')' || $enc:par"/>
  </xsl:template>

  <xsl:function name="enc:ty-colspan" as="xs:integer">
    <xsl:param name="cell" as="element(tei:cell)"/>
    <xsl:sequence select="if ($cell/@cols castable as xs:positiveInteger) then min((xs:integer($cell/@cols), 50)) else 1"/>
  </xsl:function>

  <xsl:template match="tei:row | tei:cell" mode="ty" as="xs:string">
    <xsl:sequence select="enc:ty-content(.) || ' '"/>
  </xsl:template>

  <!-- The heading level of a document: one below its chapters and subchapters. -->
  <xsl:function name="enc:ty-level" as="xs:integer">
    <xsl:param name="doc" as="element()"/>
    <xsl:sequence select="min((count($doc/ancestor::tei:div[not(@type = 'document')]) + 1, 6))"/>
  </xsl:function>

</xsl:stylesheet>
